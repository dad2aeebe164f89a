"""Forms for consents and objections. Choices come from the register and the person's relatives;
the rules themselves (who may decide, the scope, the dates) are the services' to check."""

from typing import Any

from django import forms

from tutela.lib.forms import DateField, GovukForm

Choices = list[tuple[str, str]]


def _choose(field: forms.Field, choices: Choices, blank: str | None = "Choose") -> None:
    chosen: Any = field
    chosen.choices = [("", blank), *choices] if blank is not None else choices


class ConsentForm(GovukForm):
    purposes = forms.MultipleChoiceField(
        label="What is the consent for?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what the consent is for"},
    )
    recipients = forms.MultipleChoiceField(
        label="Who may it be shared with?",
        help_text="Only the organisations we share with when there is consent. Leave empty if it is not to be shared.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    given_by = forms.ChoiceField(
        label="Who gave consent?",
        help_text="A parent or carer with parental responsibility, or the young person where they are old enough.",
        error_messages={"required": "Select who gave consent"},
    )
    form_reference = forms.CharField(
        label="Reference of the signed form",
        help_text="Where the signed form is kept, for example its file name or number.",
        max_length=200,
        error_messages={"required": "Enter the reference of the signed form"},
    )
    given_on = DateField(label="Date consent was given", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, purposes: Choices, recipients: Choices, deciders: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["purposes"], purposes, None)
        _choose(self.fields["recipients"], recipients, None)
        _choose(self.fields["given_by"], deciders)
        if not recipients:
            del self.fields["recipients"]


class WithdrawForm(GovukForm):
    withdrawn_by = forms.ChoiceField(
        label="Who withdrew consent?", error_messages={"required": "Select who withdrew consent"}
    )
    withdrawn_on = DateField(label="Date consent was withdrawn", help_text="For example, 27 3 2026")
    note = forms.CharField(
        label="How it was withdrawn",
        help_text="For example: told the school by telephone, who passed it on.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how consent was withdrawn"},
    )

    def __init__(self, *args: Any, deciders: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["withdrawn_by"], deciders)


class ObjectionForm(GovukForm):
    purpose = forms.ChoiceField(
        label="What do they object to?", error_messages={"required": "Select what they object to"}
    )
    raised_by = forms.ChoiceField(label="Who objects?", error_messages={"required": "Select who objects"})
    grounds = forms.CharField(
        label="Their grounds",
        help_text="In their words, as far as you can.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the grounds of the objection"},
    )

    def __init__(self, *args: Any, purposes: Choices, people: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["purpose"], purposes)
        _choose(self.fields["raised_by"], people)


class ObjectionDecisionForm(GovukForm):
    upheld = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("", "Choose"),
            ("yes", "Uphold the objection: stop this use of their information"),
            ("no", "Refuse the objection, with reasons"),
        ],
        error_messages={"required": "Select whether you uphold or refuse the objection"},
    )
    rationale = forms.CharField(
        label="Your reasons",
        help_text="Recorded with your name and sent with the decision.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reasons for your decision"},
    )
