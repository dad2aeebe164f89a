"""Reading casework: the task lists (the chronology is ``casework.chronology``)."""

from django.db.models import QuerySet

from tutela.accounts.models import User
from tutela.casework.models import CaseTask


def open_tasks(*, user: User) -> QuerySet[CaseTask]:
    """The user's open tasks on open cases, soonest due first."""
    return (
        CaseTask.objects.filter(assigned_to=user, done_at__isnull=True, case__closed_at__isnull=True)
        .select_related("case", "case__child")
        .order_by("due_on")
    )
