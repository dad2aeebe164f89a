"""Each controller's IG staff and DPO see their own controller's audit entries only, reasons included.

An entry belongs to the controller of the purpose it records (``controller/service/purpose``), else
to the actor's controller: a Wigan officer refused a Dudley record is Dudley's entry.
"""

from tutela.audit.models import AuditEntry
from tutela.audit.selectors import audit_entries_for_viewer
from tutela.audit.services import audit_record, audit_record_many
from tutela.governance.gate import Action, decide
from tutela.governance.tests.dudley import dudley_child
from tutela.records.services import record_touch

WIGAN_REASON = "Synthetic: Wigan case closed, family moved away"
DUDLEY_REASON = "Synthetic: Dudley case closed after the family explained"


def _entries(world):
    wigan = audit_record(
        actor=world.users["assigned_caseworker"],
        action="case_close",
        purpose="wigan/engagement-centres/administer-service",
        reason=WIGAN_REASON,
    )
    dudley = audit_record(
        actor=world.users["dudley_caseworker"],
        action="case_close",
        purpose="dudley/education-support/attendance-offence-enforcement",
        reason=DUDLEY_REASON,
    )
    return wigan, dudley


def test_an_entry_belongs_to_its_purposes_controller_else_the_actors(world):
    wigan, dudley = _entries(world)
    sign_in = audit_record(actor=world.users["dudley_ig_officer"], action="sign_in")
    assert wigan.controller == world.controllers["wigan"]
    assert dudley.controller == world.controllers["dudley"]
    assert sign_in.controller == world.controllers["dudley"]
    assert audit_record(actor=None, action="retention_run").controller is None


def test_bulk_entries_belong_to_a_controller_too(world):
    audit_record_many(
        actor=world.users["dudley_caseworker"],
        entries=[{"action": "import", "purpose": "dudley/education-support/register-deletions"}, {"action": "x"}],
    )
    assert set(AuditEntry.objects.values_list("controller__slug", flat=True)) == {"dudley"}


def test_a_refusal_on_another_controllers_record_is_that_controllers_entry(world):
    dudley = dudley_child(world)
    before = AuditEntry.objects.count()
    assert not decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=record_touch(dudley.health))
    refusal = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert refusal.decision == "denied" and refusal.controller == world.controllers["dudley"]


def test_each_controllers_ig_staff_see_only_their_own_entries(world):
    wigan, dudley = _entries(world)
    for viewer in ("ig_officer", "dpo"):
        seen = set(audit_entries_for_viewer(viewer=world.users[viewer]))
        assert wigan in seen and dudley not in seen
    dudley_seen = set(audit_entries_for_viewer(viewer=world.users["dudley_ig_officer"]))
    assert dudley in dudley_seen and wigan not in dudley_seen
    assert not audit_entries_for_viewer(viewer=world.users["outsider"]).exists()


def test_the_audit_log_page_shows_no_other_controllers_entries_or_reasons(client, world, sign_in):
    _entries(world)
    sign_in(world.users["dpo"])
    page = client.get("/audit/").content.decode()
    assert WIGAN_REASON in page
    assert DUDLEY_REASON not in page
    assert "dudley-caseworker" not in page
    client.logout()
    sign_in(world.users["dudley_ig_officer"])
    page = client.get("/audit/").content.decode()
    assert DUDLEY_REASON in page and WIGAN_REASON not in page


def test_a_task_the_system_raises_on_a_case_is_that_cases_controllers_entry(world):
    from django.utils import timezone

    from tutela.casework.services import task_add

    dudley = dudley_child(world)
    task_add(actor=None, case=dudley.case, title="Clock", due_on=timezone.localdate(), kind="clock", about="x")
    entry = AuditEntry.objects.get(action="task_add")
    assert entry.actor is None and entry.controller == world.controllers["dudley"]
