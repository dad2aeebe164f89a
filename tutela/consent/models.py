"""Consents, objections and opt-outs: what the people concerned have agreed to, or refused."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.governance.models import Controller
from tutela.people.models import Person


class Consent(models.Model):
    """Consent for one purpose of one service (register purposes whose lawful basis is consent)."""

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents_given")
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    purpose = models.SlugField()
    form_reference = models.CharField(max_length=200)
    evidence = models.ForeignKey(
        "records.Record",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The signed form, kept as a document record.",
    )
    given_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["-given_on"]
        indexes: ClassVar = [models.Index(fields=["subject", "service", "purpose"], name="consent_lookup")]

    def __str__(self) -> str:
        return f"Consent for {self.purpose} ({self.service})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_on is None


class Objection(models.Model):
    """An Art 21 objection to processing on public task or legitimate interests; a person decides it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        UPHELD = "upheld", "Upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="objections")
    raised_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    purpose = models.SlugField()
    grounds = models.TextField()
    raised_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    rationale = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Objection to {self.purpose} ({self.get_status_display()})"


class OptOut(models.Model):
    """A request to limit what one recipient receives (the careers-service rule of Wigan's notice)."""

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="opt_outs")
    requested_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    recipient = models.SlugField()
    requested_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Opt-out from {self.recipient}"
