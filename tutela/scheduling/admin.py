"""Scheduled work for administrators: the jobs, when each is next due, and every run's outcome.

Read-only: the schedule is code (tutela/scheduling/schedule.py) and a run is a record of what happened.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tutela.scheduling.models import ScheduledJob, ScheduledRun


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ("job", "started_at", "finished_at", "outcome", "summary")
    list_filter = ("outcome", "job")
    date_hierarchy = "started_at"


@admin.register(ScheduledJob)
class ScheduledJobAdmin(ReadOnlyAdmin):
    list_display = ("name", "cron", "next_due_at", "lease_holder", "lease_until")
