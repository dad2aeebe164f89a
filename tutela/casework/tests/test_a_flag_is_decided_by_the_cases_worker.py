"""Only someone the gate lets work on the case decides a flag, with reasons; the decision completes
the flag's task and is audited. Everyone else is refused, on the page and in the service."""

import pytest
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.casework.flags import flag_raise, flag_resolve
from tutela.casework.models import CaseFlag
from tutela.governance.errors import GateDenied
from tutela.lib.errors import InvalidInput

MAY = {
    "assigned_caseworker": True,
    "team_colleague": True,
    "other_service_officer": False,
    "school_user": False,
    "dudley_caseworker": False,
    "outsider": False,
}


@pytest.fixture
def flag(world, casework):
    return flag_raise(
        case=casework.case,
        kind=CaseFlag.Kind.RESTRICTION,
        message="Processing of a record was restricted.",
        about="record:1",
    )


@pytest.mark.parametrize(("persona", "may"), MAY.items())
def test_the_flag_page_opens_for_those_who_work_on_the_case(world, flag, client, persona, may):
    client.force_login(world.users[persona])
    response = client.get(f"/flags/{flag.pk}/")
    assert response.status_code == (200 if may else 403)
    if may:
        assert "Processing of a record was restricted." in response.content.decode()


@pytest.mark.parametrize(("persona", "may"), MAY.items())
def test_only_those_who_work_on_the_case_decide_it(world, flag, client, persona, may):
    client.force_login(world.users[persona])
    response = client.post(f"/flags/{flag.pk}/", {"resolution": "The case continues without the record"})
    flag.refresh_from_db()
    if may:
        assert response.status_code == 302 and flag.resolved_by == world.users[persona]
        assert flag.task is not None and flag.task.done_at is not None
        assert flag.task.outcome == "The case continues without the record"
    else:
        assert response.status_code == 403 and flag.resolved_at is None


def test_break_glass_reads_the_flag_but_does_not_decide_it(world, casework, flag):
    from tutela.governance.services import break_glass_open

    officer = world.users["other_service_officer"]
    break_glass_open(
        actor=officer,
        subject=casework.child,
        reason="Urgent welfare call from the school",
        minutes=15,
        purpose="engagement-centres/administer-service",
    )
    with pytest.raises(GateDenied):
        flag_resolve(actor=officer, flag=flag, resolution="Carry on")


def test_a_decision_needs_reasons_and_is_made_once(world, flag):
    worker = world.users["assigned_caseworker"]
    with pytest.raises(InvalidInput, match="reasons"):
        flag_resolve(actor=worker, flag=flag, resolution="  ")
    flag_resolve(actor=worker, flag=flag, resolution="Stop using the record")
    assert AuditEntry.objects.filter(action="flag_resolve", object_id=str(flag.pk), decision="allowed").exists()
    with pytest.raises(InvalidInput, match="already been decided"):
        flag_resolve(actor=worker, flag=flag, resolution="Again")
    assert flag.resolved_at is not None and flag.resolved_at <= timezone.now()


def test_an_empty_decision_lists_the_error(world, flag, client):
    client.force_login(world.users["assigned_caseworker"])
    body = client.post(f"/flags/{flag.pk}/", {}).content.decode()
    assert "Enter your decision and the reasons for it" in body
