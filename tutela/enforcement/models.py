"""Attendance enforcement: decisions with legal effect, the steps of each
stage, penalty notices with their payments, prosecutions and evidence bundles.

Every row here points at a governed ``Record`` on the case: the record carries the register facts
(purpose, categories, retention) and any sensitive content, encrypted; these tables carry only the
structure the law's rules run on (dates, amounts, references, outcomes).
"""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.casework.models import Case
from tutela.people.models import Person, School
from tutela.records.models import Record


class LegalDecision(models.Model):
    """A step with legal effect, decided by a named officer with a rationale. Nothing is issued without one."""

    class Kind(models.TextChoices):
        ISSUE_NTI = "issue_nti", "Issue a notice to improve"
        ISSUE_PN = "issue_pn", "Issue a penalty notice"
        WITHDRAW_PN = "withdraw_pn", "Withdraw a penalty notice"
        ACCEPT_LATER_RECEIPT = "accept_later_receipt", "Accept proof that a penalty notice was received later"
        APPLY_ESO = "apply_eso", "Apply for an education supervision order"
        SERVE_S437 = "serve_s437", "Serve a s437(1) notice"
        SERVE_S438 = "serve_s438", "Serve a s438 notice of intention"
        MAKE_SAO = "make_sao", "Serve a school attendance order"
        AMEND_SAO = "amend_sao", "Amend a school attendance order"
        REVOKE_SAO = "revoke_sao", "Revoke a school attendance order"
        PROSECUTE = "prosecute", "Prosecute"
        DELETE_FROM_REGISTER = "delete_from_register", "Authorise deletion from the admission register"
        REFER_AGENCY = "refer_agency", "Refer to another agency"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_decisions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    concerning = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField()
    decided_at = models.DateTimeField()
    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering: ClassVar = ["decided_at"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=~models.Q(rationale=""), name="legal_decision_has_rationale"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case})"


class StepEntry(models.Model):
    """One step of a configurable stage (stages.py): its facts as data, its content in the record."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="steps")
    step = models.SlugField()
    concerning = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    happened_on = models.DateField()
    data = models.JSONField(default=dict)
    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="+")
    letter = models.OneToOneField(
        Record, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="The letter sent."
    )
    decision = models.OneToOneField(LegalDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="step")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.step} on {self.happened_on} ({self.case})"


class PenaltyNotice(models.Model):
    """A penalty notice to one parent for one child and offence period (reg 20 records hang off it)."""

    reference = models.CharField(max_length=30, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="penalty_notices")
    parent = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="penalty_notices_received")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="penalty_notices")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    offence_start = models.DateField()
    offence_end = models.DateField()
    unauthorised_sessions = models.PositiveSmallIntegerField()
    issued_on = models.DateField(help_text="Handed over, posted or left at the address.")
    service_method = models.CharField(max_length=20)
    left_at = models.TimeField(null=True, blank=True, help_text="When it was left at the address, if it was.")
    received_on = models.DateField(
        help_text="Deemed receipt (Interpretation Act 1978 s7), computed from the service method, never typed in."
    )
    actual_received_on = models.DateField(
        null=True, blank=True, help_text="A later actual receipt the officer has proved: the windows run from it."
    )
    receipt_evidence = models.TextField(blank=True, help_text="What proves the later actual receipt.")
    late_reason = models.TextField(blank=True, help_text="Why a notice issued over 14 days before was recorded then.")
    nti_running_reason = models.TextField(
        blank=True, help_text="Why it was issued while the parent's notice to improve was running."
    )
    sequence = models.PositiveSmallIntegerField(help_text="1 or 2: the notice's place within three years.")
    discount_pence = models.PositiveIntegerField(null=True, blank=True)
    full_pence = models.PositiveIntegerField()
    discount_until = models.DateField(null=True, blank=True)
    pay_by = models.DateField()
    decision = models.OneToOneField(LegalDecision, on_delete=models.PROTECT, related_name="penalty_notice")
    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="+", help_text="The notice itself.")
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    withdrawal = models.OneToOneField(
        LegalDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="withdrawn_notice"
    )

    class Meta:
        ordering: ClassVar = ["issued_on", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(offence_end__gte=models.F("offence_start")), name="pn_offence_period_ordered"
            ),
            models.CheckConstraint(condition=models.Q(sequence__in=[1, 2]), name="pn_at_most_two_in_three_years"),
            models.CheckConstraint(
                condition=models.Q(actual_received_on__isnull=True)
                | models.Q(actual_received_on__gt=models.F("received_on")),
                name="pn_actual_receipt_after_deemed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class PenaltyPayment(models.Model):
    """Money received against a notice, matched by its reference; refunds are negative."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", "Payment"
        REFUND = "refund", "Refund"

    notice = models.ForeignKey(PenaltyNotice, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount_pence = models.IntegerField()
    received_on = models.DateField()
    method = models.CharField(max_length=50, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.notice}: {self.amount_pence / 100:.2f} on {self.received_on}"


class Prosecution(models.Model):
    class Offence(models.TextChoices):
        S444_1 = "s444(1)", "Failure to secure regular attendance (s444(1) Education Act 1996)"
        S444_1A = "s444(1A)", "Knowingly failing to secure regular attendance (s444(1A) Education Act 1996)"
        S443 = "s443", "Failure to comply with a school attendance order (s443 Education Act 1996)"

    class Plea(models.TextChoices):
        NONE = "", "Not yet entered"
        GUILTY = "guilty", "Guilty"
        NOT_GUILTY = "not_guilty", "Not guilty"

    class Outcome(models.TextChoices):
        PENDING = "", "Pending"
        CONVICTED = "convicted", "Convicted"
        ACQUITTED = "acquitted", "Acquitted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DISMISSED = "dismissed", "Dismissed"

    reference = models.CharField(max_length=30, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="prosecutions")
    defendant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="prosecutions")
    offence = models.CharField(max_length=10, choices=Offence.choices)
    offence_start = models.DateField()
    offence_end = models.DateField()
    penalty_notice = models.ForeignKey(
        PenaltyNotice, on_delete=models.PROTECT, null=True, blank=True, related_name="prosecutions"
    )
    decision = models.OneToOneField(LegalDecision, on_delete=models.PROTECT, related_name="prosecution")
    court = models.CharField(max_length=200, blank=True)
    information_laid_on = models.DateField(null=True, blank=True)
    plea = models.CharField(max_length=20, choices=Plea.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    sentence = models.TextField(blank=True)
    fine_pence = models.PositiveIntegerField(null=True, blank=True)
    costs_pence = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["pk"]

    def __str__(self) -> str:
        return self.reference


class Hearing(models.Model):
    prosecution = models.ForeignKey(Prosecution, on_delete=models.CASCADE, related_name="hearings")
    on = models.DateField()
    kind = models.CharField(max_length=100, help_text="First hearing, trial, sentencing...")
    result = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.on}"


class EvidenceBundle(models.Model):
    """The prosecution's paginated bundle, kept as a PDF on the case, with its index."""

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="bundles")
    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="+")
    index = models.JSONField(help_text="Section titles and their first pages.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Bundle {self.pk} for {self.prosecution}"


class BundleDisclosure(models.Model):
    """Who was given the bundle, when and how: the court, the defence, anyone else."""

    class Recipient(models.TextChoices):
        COURT = "court", "The court"
        DEFENCE = "defence", "The defence"
        OTHER = "other", "Other"

    bundle = models.ForeignKey(EvidenceBundle, on_delete=models.PROTECT, related_name="disclosures")
    recipient = models.CharField(max_length=10, choices=Recipient.choices)
    recipient_name = models.CharField(max_length=200)
    disclosed_on = models.DateField()
    method = models.CharField(max_length=100)
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.bundle} to {self.recipient_name} on {self.disclosed_on}"
