"""Forms for enforcement pages, with GOV.UK error messages. Steps' forms are built from stages.py."""

from typing import Any

from django import forms

from tutela.enforcement.models import BundleDisclosure, PenaltyPayment, Prosecution, Referral
from tutela.enforcement.rules import SERVICE_METHOD_NAMES
from tutela.enforcement.stages import Step
from tutela.people.models import Person
from tutela.records.forms import DateField

SERVICE_METHODS = [(method.value, name) for method, name in SERVICE_METHOD_NAMES.items()]
RATIONALE = forms.CharField(
    label="Your reasons for this decision",
    help_text="Recorded with your name. The decision is yours: Tutela does not make it.",
    widget=forms.Textarea(attrs={"rows": 4}),
    error_messages={"required": "Record why you are making this decision"},
)


def _people(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{p.given_name} {p.family_name}") for p in people]


class ReferralForm(forms.Form):
    child = forms.ChoiceField(label="Pupil", error_messages={"required": "Choose the pupil"})
    parents = forms.MultipleChoiceField(
        label="Parents and carers to refer",
        help_text="Each must have an address on their record.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one parent or carer"},
    )
    actions_taken = forms.CharField(
        label="What the school has done to improve attendance",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what the school has done to improve attendance"},
    )
    sen_status = forms.ChoiceField(
        label="Special educational needs",
        choices=[("", "Choose"), *Referral.SenStatus.choices],
        error_messages={"required": "Choose the pupil's SEN status"},
    )
    safeguarding_concerns = forms.BooleanField(label="The school has safeguarding concerns", required=False)
    safeguarding = forms.CharField(
        label="Safeguarding concerns", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, pupils: list[Person], parents: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", "Choose a pupil"), *_people(pupils)]  # type: ignore[attr-defined]
        self.fields["parents"].choices = _people(parents)  # type: ignore[attr-defined]


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Accept and open a case"), ("return", "Return to the school"), ("redirect", "Redirect")],
        error_messages={"required": "Choose what to do with the referral"},
    )
    allocate_to = forms.ChoiceField(label="Allocate to", required=False)
    redirect_to = forms.ChoiceField(label="Redirect to", required=False)
    reason = forms.CharField(
        label="Reasons (shown to the school)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, officers: list[tuple[str, str]], targets: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["allocate_to"].choices = [("", "Leave unallocated"), *officers]  # type: ignore[attr-defined]
        self.fields["redirect_to"].choices = [("", "Choose"), *targets.items()]  # type: ignore[attr-defined]


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
    form_class = type("StepForm", (forms.Form,), fields)
    form: forms.Form = form_class(data, files)
    return form


class PenaltyNoticeForm(forms.Form):
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


class PaymentForm(forms.Form):
    reference = forms.CharField(label="Notice reference", max_length=30)
    kind = forms.ChoiceField(label="Payment or refund", choices=PenaltyPayment.Kind.choices)
    amount = forms.DecimalField(label="Amount in pounds", min_value=0, decimal_places=2, max_digits=8)
    received_on = DateField(label="Date received (or refunded)")
    method = forms.CharField(label="How it was paid", max_length=50, required=False)


class ReceiptForm(forms.Form):
    received_on = DateField(label="Date the parent actually received the notice")
    evidence = forms.CharField(
        label="What proves it",
        help_text="For example, a Royal Mail delivery record or the parent's dated envelope: recorded with your name.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what proves the notice was received on that day"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why the notice is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Record why the notice is withdrawn"},
    )


class ProsecutionForm(forms.Form):
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


class ProsecutionUpdateForm(forms.Form):
    court = forms.CharField(label="Court", max_length=200, required=False)
    information_laid_on = DateField(label="Information laid on", required=False)
    plea = forms.ChoiceField(label="Plea", choices=Prosecution.Plea.choices, required=False)
    outcome = forms.ChoiceField(label="Outcome", choices=Prosecution.Outcome.choices, required=False)
    outcome_on = DateField(label="Date of the outcome", required=False)
    sentence = forms.CharField(label="Sentence", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    fine = forms.DecimalField(label="Fine in pounds", required=False, min_value=0, decimal_places=2, max_digits=8)
    costs = forms.DecimalField(label="Costs in pounds", required=False, min_value=0, decimal_places=2, max_digits=8)


class HearingForm(forms.Form):
    on = DateField(label="Hearing date")
    kind = forms.CharField(label="Hearing", max_length=100, help_text="For example: first hearing, trial, sentencing")
    result = forms.CharField(label="Result", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DisclosureForm(forms.Form):
    recipient = forms.ChoiceField(label="Disclosed to", choices=BundleDisclosure.Recipient.choices)
    recipient_name = forms.CharField(label="Name", max_length=200)
    disclosed_on = DateField(label="Date disclosed")
    method = forms.CharField(label="How", max_length=100, help_text="For example: secure email, by hand at court")


class TaskDoneForm(forms.Form):
    outcome = forms.CharField(label="What was done", error_messages={"required": "Record what was done"})


class TaskForm(forms.Form):
    title = forms.CharField(label="What needs doing", max_length=200)
    due_on = DateField(label="Due")
