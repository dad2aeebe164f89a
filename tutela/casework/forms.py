"""Forms built from a kit's field definitions (intake forms and steps), with GOV.UK error messages."""

from collections.abc import Sequence
from typing import Any

from django import forms

from tutela.casework.kit import Field
from tutela.lib.forms import DateField, GovukForm

RATIONALE_LABEL = "Your reasons for this decision"


def form_field(spec: Field) -> forms.Field:
    """The Django field for one kit question."""
    common: dict[str, Any] = {"label": spec.label, "required": spec.required and spec.kind != "bool"}
    if spec.hint:
        common["help_text"] = spec.hint
    match spec.kind:
        case "date":
            return DateField(**common)
        case "time":
            return forms.TimeField(
                error_messages={"invalid": f"{spec.label} must be a real time, for example 15:30"}, **common
            )
        case "text":
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), **common)
        case "int":
            return forms.IntegerField(**common)
        case "choice":
            return forms.ChoiceField(choices=[("", "Choose"), *spec.choices], **common)
        case "multichoice":
            return forms.MultipleChoiceField(choices=spec.choices, widget=forms.CheckboxSelectMultiple, **common)
        case "bool":
            return forms.BooleanField(**common)
        case _:
            return forms.CharField(max_length=200, **common)


def rationale_field() -> forms.CharField:
    """A decision's rationale: every step with legal or significant effect is a named person's decision."""
    return forms.CharField(
        label=RATIONALE_LABEL,
        help_text="Recorded with your name. The decision is yours: Tutela does not make it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Record why you are making this decision"},
    )


def fields_form_class(
    fields: Sequence[Field], *, extra: dict[str, forms.Field] | None = None, name: str = "KitForm"
) -> type[GovukForm]:
    """A GovukForm class with ``extra`` fields first (the child, the family, a file) and then the
    kit's questions in order."""
    declared: dict[str, Any] = dict(extra or {})
    declared |= {spec.key: form_field(spec) for spec in fields}
    return type(name, (GovukForm,), declared)


class FlagResolveForm(GovukForm):
    resolution = forms.CharField(
        label="Your decision and the reasons for it",
        help_text="For example: the case continues on another basis, or what stops. Recorded with your name.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your decision and the reasons for it"},
    )
