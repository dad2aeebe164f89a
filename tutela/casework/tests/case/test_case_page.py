"""The case page every service shares: who may open it, what it shows, and that each read is
audited naming the child."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tutela.accounts.tests.factories import UserFactory
from tutela.audit.models import AuditEntry
from tutela.casework.models import CaseFlag
from tutela.casework.services import case_close, case_open, task_add
from tutela.consent.services import consent_give

pytestmark = pytest.mark.django_db


def _user(persona, world, tess):
    return {"worker": tess.worker, "colleague": tess.colleague}.get(persona) or world.users[persona]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("worker", 200),
        ("colleague", 200),
        ("assigned_caseworker", 403),  # an Engagement Centres officer: another service
        ("school_user", 403),
        ("outsider", 403),
        ("dudley_caseworker", 403),
    ],
)
def test_who_may_open_the_case_page(world, tess, persona, status):
    client = Client()
    client.force_login(_user(persona, world, tess))
    assert client.get(f"/cases/{tess.case.pk}/").status_code == status


def test_a_missing_case_is_the_404_page(tess):
    client = Client()
    client.force_login(tess.worker)
    assert client.get("/cases/999999/").status_code == 404


@pytest.mark.parametrize(("persona", "decision"), [("worker", "allowed"), ("outsider", "denied")])
def test_every_read_is_audited_naming_the_child(world, tess, persona, decision):
    client = Client()
    client.force_login(_user(persona, world, tess))
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    client.get(f"/cases/{tess.case.pk}/")
    entries = AuditEntry.objects.filter(seq__gt=last, subject_id=str(tess.child.pk), object_type="casework.case")
    assert [entry.decision for entry in entries] == [decision]


def test_the_page_shows_the_child_family_stage_and_only_the_steps_of_the_stage(tess):
    client = Client()
    client.force_login(tess.worker)
    page = client.get(f"/cases/{tess.case.pk}/").content.decode()
    assert "Ava Tessler" in page and "3 December 2013" in page and "Hindley High School" in page
    assert "Targeted Education Support Service case" in page
    assert "Request for involvement" in page
    assert "Mia Tessler" in page and "Mother" in page
    assert f"/cases/{tess.case.pk}/steps/first-visit/" in page
    assert f"/cases/{tess.case.pk}/steps/concern/" in page
    assert f"/cases/{tess.case.pk}/steps/support-plan/" not in page
    assert f"/cases/{tess.case.pk}/letters/plan-letter/" in page


def test_tasks_show_when_due_soon_and_overdue(tess):
    today = timezone.localdate()
    task_add(actor=tess.worker, case=tess.case, title="Call the school", due_on=today + timedelta(days=3))
    task_add(actor=tess.worker, case=tess.case, title="Send the plan", due_on=today - timedelta(days=1))
    task_add(actor=tess.worker, case=tess.case, title="Review", due_on=today + timedelta(days=30))
    client = Client()
    client.force_login(tess.worker)
    page = client.get(f"/cases/{tess.case.pk}/").content.decode()
    assert page.count("Due soon") == 1 and page.count("Overdue") == 1


def test_open_flags_are_shown_at_the_top_with_a_link_to_decide(tess):
    flag = CaseFlag.objects.create(
        case=tess.case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN, message="Mia withdrew consent", raised_at=timezone.now()
    )
    client = Client()
    client.force_login(tess.worker)
    page = client.get(f"/cases/{tess.case.pk}/").content.decode()
    banner = page.index("govuk-notification-banner")
    assert banner < page.index("<h1")
    assert "Mia withdrew consent" in page
    assert f"/flags/{flag.pk}/" in page


def test_the_consents_that_apply_are_shown_with_their_scope(world, tess):
    consent_give(
        actor=tess.worker,
        subject=tess.child,
        given_by=tess.mother,
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        purposes=["service-involvement"],
        form_reference="RSI-1",
        given_on=date(2026, 1, 5),
    )
    client = Client()
    client.force_login(tess.worker)
    page = client.get(f"/cases/{tess.case.pk}/").content.decode()
    assert "Live" in page and "5 January 2026" in page
    assert "service-involvement" not in page  # the register's words, not its keys
    assert f"?case={tess.case.pk}" in page


def test_a_closed_case_shows_its_reason_and_offers_no_steps(tess):
    case_close(actor=tess.worker, case=tess.case, reason="Support no longer needed")
    client = Client()
    client.force_login(tess.worker)
    page = client.get(f"/cases/{tess.case.pk}/").content.decode()
    assert "Support no longer needed" in page
    assert "/steps/" not in page and "Next steps" not in page


def test_record_a_consent_is_offered_only_where_the_service_takes_consent_and_an_objection_always(client, world, tess):
    client.force_login(tess.worker)
    html = client.get(f"/cases/{tess.case.pk}/").content.decode()
    assert "Record a consent" in html and "Record an objection" in html  # TESS has consent-based purposes
    officer = UserFactory(
        controller=world.controllers["wigan"], roles=["caseworker"], teams=[world.teams["wigan.data"]]
    )
    case = case_open(
        actor=officer,
        controller=world.controllers["wigan"],
        service="pupil-data",  # Wigan's pupil data service rests on no consent
        child=tess.child,
        team=world.teams["wigan.data"],
        family=[tess.mother],
        allocated_worker=officer,
        stage="received",
    )
    client.force_login(officer)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Record a consent" not in html and "Record an objection" in html
