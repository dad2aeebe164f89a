"""Forms built from a kit's field definitions (intake forms and steps), with GOV.UK error messages."""

from collections.abc import Sequence
from typing import Any

from django import forms

from tutela.casework.kit import Field, Step
from tutela.casework.steps import RATIONALE, step_concerns_family
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


def _choices(people: Sequence[Any]) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{p.given_name} {p.family_name}") for p in people]


class ChildChoiceForm(GovukForm):
    """The first step of a referral: whom it is about."""

    child = forms.ChoiceField(
        label="Child or young person", error_messages={"required": "Select who you are referring"}
    )

    def __init__(self, *args: Any, children: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", "Choose"), *_choices(children)]  # type: ignore[attr-defined]


def referral_form_class(
    fields: Sequence[Field],
    *,
    children: Sequence[Any],
    family: Sequence[Any],
    family_required: bool,
    consent: bool,
    attachments: bool,
) -> type[GovukForm]:
    """The referral form: the child, the family named, the kit's questions, the consent, a document."""
    extra: dict[str, forms.Field] = {
        "child": forms.ChoiceField(
            label="Child or young person",
            choices=[("", "Choose"), *_choices(children)],
            error_messages={"required": "Select who you are referring"},
        )
    }
    if family:
        extra["family"] = forms.MultipleChoiceField(
            label="Parents and carers to name on the referral",
            choices=_choices(family),
            widget=forms.CheckboxSelectMultiple,
            required=family_required,
            error_messages={"required": "Choose at least one parent or carer"},
        )
    tail: dict[str, forms.Field] = {}
    if consent:
        tail["consent_given_by"] = forms.ChoiceField(
            label="Who gave consent",
            choices=[("", "Choose"), *_choices([*children[:1], *family])],
            error_messages={"required": "Choose who gave consent"},
        )
        tail["consent_evidence"] = forms.CharField(
            label="Evidence of consent",
            help_text="For example the reference of the signed form.",
            max_length=200,
            error_messages={"required": "Enter the evidence of consent"},
        )
    if attachments:
        tail["attachment_title"] = forms.CharField(label="Document title", max_length=200, required=False)
        tail["attachment"] = forms.FileField(label="Attach a document", required=False)
    form = fields_form_class(fields, extra=extra, name="ReferralForm")
    return type("ReferralForm", (form,), tail)


class TriageForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Accept and open a case"), ("return", "Return to the referrer"), ("redirect", "Redirect")],
        error_messages={"required": "Choose what to do with the referral"},
    )
    team = forms.ChoiceField(label="Owning team", required=False)
    allocate_to = forms.ChoiceField(label="Allocate to", required=False)
    redirect_to = forms.ChoiceField(label="Redirect to", required=False)
    reason = forms.CharField(
        label="Reasons (shown to the referrer)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        teams: list[tuple[str, str]],
        workers: list[tuple[str, str]],
        targets: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = teams  # type: ignore[attr-defined]
        self.fields["allocate_to"].choices = [("", "Leave unallocated"), *workers]  # type: ignore[attr-defined]
        self.fields["redirect_to"].choices = [("", "Choose"), *targets.items()]  # type: ignore[attr-defined]


class CaseTaskForm(GovukForm):
    title = forms.CharField(
        label="What needs doing", max_length=200, error_messages={"required": "Enter what needs to be done"}
    )
    due_on = DateField(label="Due date")


class CaseTaskDoneForm(GovukForm):
    outcome = forms.CharField(label="What was done", error_messages={"required": "Record what was done"})


class CaseClosureForm(GovukForm):
    reason = forms.CharField(
        label="Why the case is closing",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for closing the case"},
    )


class CaseMoveForm(GovukForm):
    stage = forms.ChoiceField(label="Stage to move the case to", error_messages={"required": "Select the stage"})

    def __init__(self, *args: Any, stages: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "Choose"), *stages]  # type: ignore[attr-defined]


class CaseLetterForm(GovukForm):
    """Which letter is produced and to whom: the child's family on the case, or no one named."""

    recipient = forms.ChoiceField(
        label="Who the letter is to",
        error_messages={"required": "Select who the letter is to"},
    )

    def __init__(self, *args: Any, recipients: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        no_one = (NO_RECIPIENT, "No one named: a letter about the child kept on the case")
        self.fields["recipient"].choices = [("", "Choose"), *recipients, no_one]  # type: ignore[attr-defined]


NO_RECIPIENT = "none"


def step_form_class(step: Step, family: Sequence[tuple[str, str]]) -> type[GovukForm]:
    """The form of one of a kit's steps: which parent or carer it concerns (where the step records
    something about one), its questions, and a decision's reasons."""
    extra: dict[str, forms.Field] = {}
    if family and step_concerns_family(step):
        extra["concerning"] = forms.ChoiceField(
            label="Which parent or carer this concerns",
            choices=[("", "Choose"), *family],
            required=False,
            help_text="Leave empty if it concerns the child only",
        )
    cls = fields_form_class(step.fields, extra=extra, name="StepForm")
    if step.decision:
        cls.base_fields[RATIONALE] = rationale_field()
    return cls


class FlagResolveForm(GovukForm):
    resolution = forms.CharField(
        label="Your decision and the reasons for it",
        help_text="For example: the case continues on another basis, or what stops. Recorded with your name.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your decision and the reasons for it"},
    )
