"""Every GET of a consent, objection or flag page writes an audit entry naming the person, whether
the page is shown or refused."""

import pytest

from tutela.audit.models import AuditEntry
from tutela.casework.models import CaseFlag
from tutela.consent.services import objection_raise
from tutela.consent.tests.pages import given

PAGES = [
    "/people/{child}/consents/",
    "/people/{child}/consents/new/",
    "/people/{child}/objections/new/",
    "/consents/{consent}/withdraw/",
    "/objections/{objection}/decide/",
    "/flags/{flag}/",
]


@pytest.fixture
def urls(world, casework):
    consent = given(world, casework)
    objection = objection_raise(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        raised_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="data-analytics",
        grounds="Not in studies, please",
    )
    flag = CaseFlag.objects.get(case=casework.case)
    ids = {"child": casework.child.pk, "consent": consent.pk, "objection": objection.pk, "flag": flag.pk}
    return {path: path.format(**ids) for path in PAGES}


def _get(client, url):
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    status = client.get(url).status_code
    return status, list(AuditEntry.objects.filter(seq__gt=last))


def _names(entry, person_id):
    return entry.subject_id == str(person_id) or person_id in entry.detail.get("subjects", [])


@pytest.mark.parametrize("path", PAGES)
def test_an_allowed_read_is_audited_naming_the_person(world, casework, urls, client, path):
    client.force_login(world.users["assigned_caseworker"])
    status, entries = _get(client, urls[path])
    assert status == 200
    assert any(_names(e, casework.child.pk) and e.decision == "allowed" for e in entries), entries


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("persona", ["other_service_officer", "dudley_caseworker", "school_user"])
def test_a_refused_read_is_audited_naming_the_person(world, casework, urls, client, path, persona):
    client.force_login(world.users[persona])
    status, entries = _get(client, urls[path])
    assert status == 403
    assert any(_names(e, casework.child.pk) and e.decision == "denied" for e in entries), entries
