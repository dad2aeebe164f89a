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
