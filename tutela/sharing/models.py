"""Disclosures to other organisations and internal services, and the append-only disclosure log."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.accounts.models import Controller
from tutela.people.models import Person


class Disclosure(models.Model):
    """One proposed sharing of information with a recipient named in the register."""

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", "Waiting for a manager's approval"
        APPROVED = "approved", "Approved, not yet sent"
        REFUSED = "refused", "Refused by a manager"
        SENT = "sent", "Sent"

    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    recipient = models.SlugField()
    recipient_name = models.CharField(max_length=200)
    purpose = models.SlugField()
    agreement_reference = models.CharField(max_length=100, blank=True)
    statute = models.CharField(max_length=300, blank=True)
    transfer_method = models.CharField(max_length=200, blank=True)
    subjects = models.ManyToManyField(Person, related_name="+")
    categories_requested = models.JSONField()
    categories_sent = models.JSONField(help_text="After minimisation: only what the agreement or statute allows.")
    categories_dropped = models.JSONField(default=list)
    without_consent_justification = models.TextField(
        blank=True, help_text="DPA 2018 Sch 1 para 18: why sharing without consent is needed to protect a child."
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_rationale = models.TextField(blank=True)
    package_name = models.CharField(max_length=200, blank=True)
    package_sha256 = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    dpo_reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-proposed_at"]
        permissions: ClassVar = [("approve_disclosure", "Can approve or refuse a disclosure")]

    def __str__(self) -> str:
        return f"Disclosure to {self.recipient_name} ({self.get_status_display()})"


class DisclosureLogEntry(models.Model):
    """What was sent about one person: append-only, the source for Art 19 notices and SARs."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="log_entries")
    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disclosures_received")
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    recipient = models.SlugField()
    recipient_name = models.CharField(max_length=200)
    purpose = models.SlugField()
    basis = models.CharField(max_length=300, help_text="The agreement reference or the statute.")
    categories = models.JSONField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    package_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering: ClassVar = ["-sent_at"]
        verbose_name_plural = "disclosure log entries"

    def __str__(self) -> str:
        return f"{self.recipient_name} received data about person {self.subject_id}"
