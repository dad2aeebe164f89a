"""The governed record: every personal-data entry, with the register facts that govern it.

Special-category and criminal-offence content is stored only encrypted (``body_ciphertext``),
under the subject's own data key (records/crypto.py); titles, dates and categories stay
searchable. Service-specific record types add their own tables linked to ``Record``.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.accounts.models import Controller
from tutela.people.models import Person, School


class Record(models.Model):
    class Kind(models.TextChoices):
        FILE_NOTE = "file_note", "File note"
        DOCUMENT = "document", "Document"
        CONTACT = "contact", "Contact log entry"
        MEETING_NOTE = "meeting_note", "Meeting note"
        CHRONOLOGY_EVENT = "chronology_event", "Chronology event"

    class Source(models.TextChoices):
        SCHOOL = "school", "School"
        PARENT = "parent", "Parent or carer"
        YOUNG_PERSON = "young_person", "Child or young person"
        AGENCY = "agency", "Another agency"
        OFFICER = "officer", "Officer"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="records")
    # By name, not import: a record may sit on a case, but casework sits above records.
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="records")
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="records")
    service = models.SlugField()
    purpose = models.SlugField()
    categories = models.JSONField(help_text="Taxonomy keys of the personal data in this record.")
    source = models.CharField(max_length=20, choices=Source.choices)
    source_detail = models.CharField(max_length=200, blank=True)
    source_school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    occurred_on = models.DateField()
    body = models.TextField(blank=True, help_text="Plain content; empty when the content is encrypted.")
    body_ciphertext = models.BinaryField(null=True, blank=True)
    encrypted = models.BooleanField(default=False)
    contact_method = models.CharField(max_length=30, blank=True)
    contact_with = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    retention_class = models.SlugField()
    retention_due = models.DateField(null=True, blank=True, help_text="Empty until its trigger (e.g. case closure).")
    legal_hold = models.BooleanField(default=False)
    processing_restricted = models.BooleanField(default=False)
    restriction_reason = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["-occurred_on", "-recorded_at"]
        indexes: ClassVar = [models.Index(fields=["subject", "-occurred_on"], name="record_subject_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Document(models.Model):
    """An uploaded file, stored encrypted outside the database and checksummed."""

    record = models.OneToOneField(Record, on_delete=models.PROTECT, related_name="document")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, help_text="Checksum of the original file.")
    storage_name = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.filename
