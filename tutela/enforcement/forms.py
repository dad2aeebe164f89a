"""Forms for enforcement pages, with GOV.UK error messages. Steps' forms are built from stages.py."""

from typing import Any

from django import forms

from tutela.enforcement.models import BundleDisclosure, PenaltyPayment, Prosecution
from tutela.enforcement.rules import SERVICE_METHOD_NAMES
from tutela.enforcement.stages import Step
from tutela.lib.forms import DateField, GovukForm
from tutela.lib.money import pence_from_pounds
from tutela.people.models import Person

SERVICE_METHODS = [(method.value, name) for method, name in SERVICE_METHOD_NAMES.items()]
RATIONALE = forms.CharField(
    label="Your reasons for this decision",
    help_text="Recorded with your name. The decision is yours: Tutela does not make it.",
    widget=forms.Textarea(attrs={"rows": 4}),
    error_messages={"required": "Record why you are making this decision"},
)


def _people(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{p.given_name} {p.family_name}") for p in people]


def step_form(step: Step, data: Any = None, *, parents: list[Person], files: Any = None) -> forms.Form:
    """A form for one configurable step, from its field definitions."""
    fields: dict[str, forms.Field] = {}
    if step.concerning == "parent":
        fields["concerning"] = forms.ChoiceField(
            label="Parent or carer",
            choices=[("", "Choose"), *_people(parents)],
            error_messages={"required": "Choose the parent or carer"},
        )
    for spec in step.fields:
        common: dict[str, Any] = {"label": spec.label, "required": spec.required and spec.kind != "bool"}
        if spec.hint:
            common["help_text"] = spec.hint
        if spec.kind == "date":
            fields[spec.key] = DateField(**common)
        elif spec.kind == "time":
            fields[spec.key] = forms.TimeField(
                error_messages={"invalid": f"{spec.label} must be a real time, for example 15:30"}, **common
            )
        elif spec.kind == "text":
            fields[spec.key] = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), **common)
        elif spec.kind == "int":
            fields[spec.key] = forms.IntegerField(**common)
        elif spec.kind == "choice":
            fields[spec.key] = forms.ChoiceField(choices=[("", "Choose"), *spec.choices], **common)
        elif spec.kind == "bool":
            fields[spec.key] = forms.BooleanField(**common)
        else:
            fields[spec.key] = forms.CharField(max_length=200, **common)
    if step.decision:
        fields["rationale"] = RATIONALE
    if step.key == "witness-statement":
        fields["signed_copy"] = forms.FileField(label="Signed copy (optional)", required=False)
    form_class = type("StepForm", (GovukForm,), fields)
    form: forms.Form = form_class(data, files)
    return form


class PenaltyNoticeForm(GovukForm):
    parent = forms.ChoiceField(label="Parent or carer", error_messages={"required": "Choose the parent or carer"})
    offence_start = DateField(label="Offence period: first day")
    offence_end = DateField(label="Offence period: last day")
    issued_on = DateField(label="Date handed over, posted or left at the address")
    service_method = forms.ChoiceField(
        label="How it was served",
        choices=[("", "Choose"), *SERVICE_METHODS],
        error_messages={"required": "Choose how the notice was served"},
    )
    left_at = forms.TimeField(
        label="Time it was left at the address",
        required=False,
        help_text="Only if it was left at the address, for example 15:30. Left at or after 4.30pm, or with no "
        "time recorded, it counts as received the next working day.",
        error_messages={"invalid": "Enter the time it was left as hours and minutes, for example 15:30"},
    )
    rationale = RATIONALE
    late_reason = forms.CharField(
        label="If it was issued more than 14 days ago: why it is recorded now",
        help_text="For example, issued by the headteacher or the police and sent to us later.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    nti_running_reason = forms.CharField(
        label="If the parent's notice to improve is still running: why issue the notice before it ends",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, parents: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "Choose"), *_people(parents)]  # type: ignore[attr-defined]


class PoundsField(forms.CharField):
    """An amount of money typed in pounds and pence, cleaned to whole pence (never 1e5, 0.999 or NaN)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(help_text=kwargs.pop("help_text", "For example, 80 or 80.00"), **kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return pence_from_pounds(text)
        except ValueError as bad:
            raise forms.ValidationError(str(bad)) from None


class PaymentForm(GovukForm):
    reference = forms.CharField(label="Notice reference", max_length=30)
    kind = forms.ChoiceField(label="Payment or refund", choices=PenaltyPayment.Kind.choices)
    amount = PoundsField(label="Amount in pounds")
    received_on = DateField(label="Date received (or refunded)")
    method = forms.CharField(label="How it was paid", max_length=50, required=False)
    confirm_overpayment = forms.BooleanField(
        label="This payment is more than is outstanding on the notice: record it anyway (refund the difference)",
        required=False,
    )


class ReceiptForm(GovukForm):
    received_on = DateField(label="Date the parent actually received the notice")
    evidence = forms.CharField(
        label="What proves it",
        help_text="For example, a Royal Mail delivery record or the parent's dated envelope: recorded with your name.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what proves the notice was received on that day"},
    )


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why the notice is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Record why the notice is withdrawn"},
    )


class ProsecutionForm(GovukForm):
    defendant = forms.ChoiceField(label="Defendant", error_messages={"required": "Choose the defendant"})
    offence = forms.ChoiceField(label="Offence", choices=[("", "Choose"), *Prosecution.Offence.choices])
    offence_start = DateField(label="Offence period: first day")
    offence_end = DateField(label="Offence period: last day")
    penalty_notice = forms.ChoiceField(label="Unpaid penalty notice it follows (if any)", required=False)
    rationale = RATIONALE

    def __init__(self, *args: Any, parents: list[Person], notices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["defendant"].choices = [("", "Choose"), *_people(parents)]  # type: ignore[attr-defined]
        self.fields["penalty_notice"].choices = [("", "None"), *notices]  # type: ignore[attr-defined]


class ProsecutionUpdateForm(GovukForm):
    court = forms.CharField(label="Court", max_length=200, required=False)
    information_laid_on = DateField(label="Information laid on", required=False)
    plea = forms.ChoiceField(label="Plea", choices=Prosecution.Plea.choices, required=False)
    outcome = forms.ChoiceField(label="Outcome", choices=Prosecution.Outcome.choices, required=False)
    outcome_on = DateField(label="Date of the outcome", required=False)
    sentence = forms.CharField(label="Sentence", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    fine = PoundsField(label="Fine in pounds", required=False)
    costs = PoundsField(label="Costs in pounds", required=False)


class HearingForm(GovukForm):
    on = DateField(label="Hearing date")
    kind = forms.CharField(
        label="Hearing",
        max_length=100,
        help_text="For example: first hearing, trial, sentencing",
        error_messages={"required": "Enter the kind of hearing"},
    )
    result = forms.CharField(label="Result", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DisclosureForm(GovukForm):
    recipient = forms.ChoiceField(
        label="Disclosed to",
        choices=BundleDisclosure.Recipient.choices,
        error_messages={"required": "Select who it was disclosed to"},
    )
    recipient_name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name of the person it was disclosed to"}
    )
    disclosed_on = DateField(label="Date disclosed")
    method = forms.CharField(
        label="How",
        max_length=100,
        help_text="For example: secure email, by hand at court",
        error_messages={"required": "Enter how it was disclosed"},
    )


class CaseCloseForm(GovukForm):
    reason = forms.CharField(
        label="Why the case is closing",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for closing the case"},
    )


class TaskDoneForm(GovukForm):
    outcome = forms.CharField(label="What was done", error_messages={"required": "Record what was done"})


class TaskForm(GovukForm):
    title = forms.CharField(label="What needs doing", max_length=200)
    due_on = DateField(label="Due date")
