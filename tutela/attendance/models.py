"""Attendance as schools report it: yearly summaries (from Common Transfer Files) for now."""

from typing import ClassVar

from django.db import models

from tutela.people.models import Person, School


class AttendanceSummary(models.Model):
    """A pupil's sessions at one school in one academic year, as the school reported them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendance_summaries")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    academic_year = models.PositiveSmallIntegerField(help_text="The year the academic year starts in (2025 = 2025/26).")
    sessions_possible = models.PositiveIntegerField()
    sessions_authorised_absence = models.PositiveIntegerField()
    sessions_unauthorised_absence = models.PositiveIntegerField()
    source = models.CharField(max_length=200, help_text="The file it came from.")

    class Meta:
        ordering: ClassVar = ["person", "-academic_year"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "school", "academic_year"], name="attendance_summary_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    sessions_possible__gte=models.F("sessions_authorised_absence")
                    + models.F("sessions_unauthorised_absence")
                ),
                name="attendance_summary_absence_within_possible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.academic_year}: {self.sessions_possible} possible"


class AttendanceYear(models.Model):
    """A pupil's session marks at one school for one academic year, packed two characters a session.

    Slot 2n is the morning and 2n+1 the afternoon of day n counted from 1 September; each slot holds
    a code padded to two characters, or two spaces for no mark. One row per pupil-year, not one per
    mark: an LA year of 19 million marks is 50,000 rows.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendance_years")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    academic_year = models.PositiveSmallIntegerField(help_text="The year the academic year starts in.")
    marks = models.TextField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "school", "academic_year"], name="attendance_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.school}, {self.academic_year}/{(self.academic_year + 1) % 100:02d}"


class MarkImport(models.Model):
    """One import of marks that changed something: where they came from, who, and how many."""

    source = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    imported_at = models.DateTimeField()
    marks_added = models.PositiveIntegerField()
    marks_changed = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.source} ({self.imported_at:%d %b %Y})"


class MarkChange(models.Model):
    """A mark that replaced an earlier one: never overwritten silently."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    session = models.CharField(max_length=2)
    old_code = models.CharField(max_length=2)
    new_code = models.CharField(max_length=2)
    batch = models.ForeignKey(MarkImport, on_delete=models.PROTECT, related_name="changes")

    class Meta:
        indexes: ClassVar = [models.Index(fields=["person", "date"], name="mark_change_person_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.session}: {self.old_code} -> {self.new_code}"


class SchoolCalendar(models.Model):
    """A school's year (or, with no school, its local authority's default): terms, INSET days, closures."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="calendars")
    la_code = models.CharField(max_length=3, blank=True, help_text="For an LA's default calendar (no school).")
    academic_year = models.PositiveSmallIntegerField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="calendar_unique_school_year"),
            models.CheckConstraint(
                condition=models.Q(school__isnull=False) | ~models.Q(la_code=""), name="calendar_school_or_la"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school or 'LA ' + self.la_code} {self.academic_year}/{(self.academic_year + 1) % 100:02d}"


class CalendarPeriod(models.Model):
    """A term (the school is open on weekdays in it), or a day or days it is closed within a term."""

    class Kind(models.TextChoices):
        TERM = "term", "Term"
        INSET = "inset", "INSET (training) day"
        CLOSURE = "closure", "Closure"

    calendar = models.ForeignKey(SchoolCalendar, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on} to {self.ends_on}"
