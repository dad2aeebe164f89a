"""The form a worker fills in to share information."""

from typing import Any

from django import forms

from tutela.lib.forms import GovukForm


class ShareForm(GovukForm):
    recipient = forms.ChoiceField(
        label="Who are you sharing with?", error_messages={"required": "Choose who to share with"}
    )
    purpose = forms.ChoiceField(label="Why?", error_messages={"required": "Choose the purpose"})
    categories = forms.MultipleChoiceField(
        label="What do you want to send?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Anything the agreement does not allow is left out, and you will see what.",
        error_messages={"required": "Choose what to send"},
    )
    without_consent_justification = forms.CharField(
        label="If there is no consent: why must this be shared to protect the child?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only where asking for consent would put the child at risk, or it cannot be got. The DPO reviews it.",
    )

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("recipient", "purpose", "categories"):
            field: Any = self.fields[name]
            field.choices = ([("", "Choose")] if name != "categories" else []) + choices[
                name + ("s" if name != "categories" else "")
            ]


class DecisionForm(GovukForm):
    approve = forms.TypedChoiceField(
        label="Your decision",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Approve"), ("no", "Refuse")],
        error_messages={"required": "Choose approve or refuse"},
    )
    rationale = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Record the reasons for your decision"},
    )
