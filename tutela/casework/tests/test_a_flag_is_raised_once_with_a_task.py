"""A flag is raised once per thing it is about, with a task for the case's worker (or its team)
to decide within five working days, audited as the case's controller's."""

from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.casework.flag_hooks import consent_withdrawal_consequences
from tutela.casework.flags import flag_raise
from tutela.casework.models import CaseFlag, CaseTask
from tutela.consent.tests.pages import given
from tutela.lib.dates import working_days_after


def _raise(casework, about="consent:1"):
    return flag_raise(
        case=casework.case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN, message="Consent withdrawn.", about=about
    )


def test_raising_the_same_flag_twice_raises_it_once(world, casework):
    first, second = _raise(casework), _raise(casework)
    assert first.pk == second.pk
    assert CaseFlag.objects.filter(case=casework.case).count() == 1
    assert CaseTask.objects.filter(case=casework.case, kind="flag").count() == 1


def test_a_flag_about_something_else_is_a_second_flag(world, casework):
    assert _raise(casework, "consent:1").pk != _raise(casework, "consent:2").pk


def test_the_task_is_the_workers_due_in_five_working_days(world, casework):
    flag = _raise(casework)
    assert flag.task is not None
    assert flag.task.assigned_to == world.users["assigned_caseworker"]
    assert flag.task.due_on == working_days_after(timezone.localdate(), 5)


def test_on_an_unallocated_case_the_task_is_the_teams(world, casework):
    casework.case.allocated_worker = None
    casework.case.save(update_fields=["allocated_worker"])
    flag = _raise(casework)
    assert flag.task is not None and flag.task.assigned_to is None


def test_raising_is_audited_as_the_cases_controllers(world, casework):
    flag = _raise(casework)
    entry = AuditEntry.objects.get(action="flag_raise", object_id=str(flag.pk))
    assert entry.subject_id == str(casework.child.pk)
    assert entry.controller_id == world.controllers["wigan"].pk


def test_the_withdrawal_task_run_again_flags_nothing_twice(world, casework):
    from tutela.consent.services import consent_withdraw

    consent = given(world, casework)
    consent_withdraw(
        actor=world.users["assigned_caseworker"],
        consent=consent,
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )
    consent_withdrawal_consequences.call(consent_id=consent.pk)  # a retry by the worker
    assert CaseFlag.objects.filter(case=casework.case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN).count() == 1


def test_a_closed_case_is_not_flagged(world, casework):
    from tutela.consent.services import consent_withdraw

    casework.case.closed_at = timezone.now()
    casework.case.save(update_fields=["closed_at"])
    consent = given(world, casework)
    consent_withdraw(
        actor=world.users["assigned_caseworker"],
        consent=consent,
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )
    assert not CaseFlag.objects.exists()
