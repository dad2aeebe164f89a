"""Consents, objections and opt-outs: what the people concerned have agreed to, or refused."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.accounts.models import Controller
from tutela.people.models import Person


class Consent(models.Model):
    """A consent, with its scope: the purposes of one service it names and, for sharing, the recipients.

    It authorises exactly that scope (UK GDPR Art 4(11): consent is "specific"): a consent to use a
    photograph for staff training authorises nothing else, and sharing "with consent" needs a consent
    that names both the recipient and the purpose of the sharing.
    """

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents_given")
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    purposes = models.JSONField(default=list, help_text="Keys of the register purposes the consent covers.")
    recipients = models.JSONField(
        default=list, blank=True, help_text="Keys of the register recipients it may be shared with; none if empty."
    )
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
        indexes: ClassVar = [models.Index(fields=["subject", "service"], name="consent_subject_service")]

    def __str__(self) -> str:
        return f"Consent for {', '.join(self.purposes)} ({self.service})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_on is None

    def covers(self, *, purpose: str, recipient: str | None = None) -> bool:
        """Whether this live consent authorises the purpose (and, when sharing, this recipient)."""
        return self.is_live and purpose in self.purposes and (recipient is None or recipient in self.recipients)


class Objection(models.Model):
    """An objection to processing, recorded whatever the lawful basis, and answered by a named person.

    Art 21(1) gives the right only against public task and legitimate interests; under any other basis
    the objection is still recorded and answered, refused with the reason and the right to complain."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        UPHELD = "upheld", "Upheld"
        NOT_UPHELD = "not_upheld", "Refused"

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
    rationale = models.TextField(blank=True, help_text="The decider's reasons, e.g. the balancing under Art 21(1).")
    lawful_basis = models.CharField(
        max_length=30, blank=True, help_text="The purpose's Art 6 basis when the objection was raised."
    )
    legal_reason = models.TextField(blank=True, help_text="What the law says, from the register's rights statement.")
    right_to_complain = models.TextField(blank=True, help_text="The complaint route given with the decision.")

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
