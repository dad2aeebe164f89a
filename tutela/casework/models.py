"""Cases: the unit of need-to-know. Whoever is allocated, or in the owning team, may see a case's records."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.accounts.models import Controller, Team
from tutela.people.models import Person


class Case(models.Model):
    reference = models.CharField(max_length=30, unique=True)
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="cases")
    service = models.SlugField(help_text="The register service the case belongs to.")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    family = models.ManyToManyField(Person, blank=True, related_name="family_cases")
    owning_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="allocated_cases"
    )
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    close_reason = models.TextField(blank=True)
    stage = models.SlugField(blank=True, help_text="The step the case is at, as the service's stages name it.")

    class Meta:
        ordering: ClassVar = ["-opened_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CaseFlag(models.Model):
    """Something a worker must decide about, raised by the system (it never decides itself)."""

    class Kind(models.TextChoices):
        CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
        RESTRICTION = "restriction", "Processing restricted"
        OBJECTION = "objection", "Objection raised"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    about = models.CharField(
        max_length=60, blank=True, help_text="What raised it, e.g. consent:12: one open flag per kind and object."
    )
    message = models.TextField()
    task = models.OneToOneField(
        "CaseTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flag",
        help_text="The worker's task to decide about the flag.",
    )
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class CaseTask(models.Model):
    """Something a person must do on a case by a date; warned about before it is due.

    Tasks the system raises (``kind`` and ``about`` set) are raised once: raising again is a no-op.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    kind = models.SlugField(blank=True, help_text="What raised it, for tasks the system raises.")
    about = models.CharField(max_length=60, blank=True, help_text="The object it is about, e.g. pn:12.")
    due_on = models.DateField()
    warn_on = models.DateField(help_text="From this day the task shows as due soon.")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="case_tasks"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["due_on", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["case", "kind", "about"], condition=~models.Q(kind=""), name="case_task_raised_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.title} by {self.due_on}"


class ReferenceCounter(models.Model):
    """The last number issued in a series of references (cases, referrals, notices): never reused,
    even after records are disposed of, and safe under concurrent issue."""

    prefix = models.CharField(max_length=40, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}{self.last}"


class Referral(models.Model):
    """A referral or request to a service, made on one of its kit's intake forms and triaged by it.

    What the referrer wrote is a governed record (``record``, encrypted where it must be); the
    documents they attached are records too (``attachments``). ``data`` keeps only the facts the
    service's rules and dashboards run on (an attendance summary at referral, an SEN status).
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for triage"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned with reasons"
        REDIRECTED = "redirected", "Redirected"

    reference = models.CharField(max_length=30, unique=True)
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="+")
    service = models.SlugField()
    form = models.SlugField(help_text="The key of the intake form in the service's kit.")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    family = models.ManyToManyField(Person, blank=True, related_name="+")
    school = models.ForeignKey(
        "people.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The referring school.",
    )
    submitter_kind = models.CharField(max_length=20, help_text="casework.kit.Submitter")
    data = models.JSONField(default=dict)
    record = models.OneToOneField("records.Record", on_delete=models.PROTECT, related_name="+")
    attachments = models.ManyToManyField("records.Record", blank=True, related_name="+")
    consent = models.ForeignKey(
        "consent.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The consent a form with a consent-based purpose carried, recorded with it.",
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triage_reason = models.TextField(blank=True)
    redirected_to = models.SlugField(blank=True, help_text="A service or recipient the register names.")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="referral")

    class Meta:
        ordering: ClassVar = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference


class CaseStep(models.Model):
    """One step of a service's kit recorded on a case (``casework.kit.Step``).

    What was said or written is the governed ``record`` (encrypted where its categories are special
    or criminal); ``data`` keeps only the facts rules and dashboards run on. A decision's
    ``rationale`` is the named officer's reasons (``created_by``): Tutela never decides itself.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="kit_steps")
    step = models.SlugField(help_text="The key of the step in the service's kit.")
    concerning = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    happened_on = models.DateField()
    data = models.JSONField(default=dict)
    record = models.OneToOneField("records.Record", on_delete=models.PROTECT, related_name="+")
    letter = models.OneToOneField(
        "records.Record",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The letter sent.",
    )
    rationale = models.TextField(blank=True, help_text="A decision's reasons, recorded with the officer's name.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.step} on {self.happened_on} ({self.case})"
