"""The state of each scheduled job (when it is next due, who holds it) and the record of its runs.

The job row is the lock: a worker runs a job only by moving that row's due time on while no other
worker's lease is current, in one conditional UPDATE, which SQLite and PostgreSQL both apply
atomically; so however many workers run the scheduler, each due run happens once.
"""

from typing import ClassVar

from django.db import models


class ScheduledJob(models.Model):
    name = models.CharField(max_length=100, unique=True)
    cron = models.CharField(max_length=100, help_text="The expression next_due_at was computed from.")
    next_due_at = models.DateTimeField()
    lease_holder = models.CharField(max_length=100, blank=True, help_text="The worker running the job now.")
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class ScheduledRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        OK = "ok", "OK"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=100, db_index=True)
    worker = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    summary = models.TextField(blank=True, help_text="The command's output, or the error it stopped with.")

    class Meta:
        ordering: ClassVar = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.job} at {self.started_at:%Y-%m-%d %H:%M}: {self.get_outcome_display()}"
