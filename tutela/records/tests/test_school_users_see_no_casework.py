"""A school user sees, about its pupil, what the school sent and the status of its referrals,
and nothing of the LA's casework: no case reference, disclosures, or rows of records it may not
read. Of consents, only those in force, to pass on a parent's withdrawal (seed 001: "contact your
child's education establishment in the first instance who will then inform our service"): what
each is for, never the signed form or the rest of the consent record."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tutela.consent.services import consent_give
from tutela.records.models import Record
from tutela.records.services import record_create


@pytest.fixture
def pupil_of_the_school(world, casework):
    """The school user's school is the child's school, and it has sent the LA one record."""
    school_user = world.users["school_user"]
    school_user.school = casework.school
    school_user.save(update_fields=["school"])
    consent_give(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purposes=["parental-consent"],
        form_reference="EC-CONSENT-7",
        given_on=timezone.localdate(),
    )
    sent = record_create(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="administer-service",
        categories=["child.identity.name", "child.education.attendance"],
        kind=Record.Kind.DOCUMENT,
        title="Referral form from the school",
        body="Attendance has fallen this term.",
        occurred_on=timezone.localdate(),
        source=Record.Source.SCHOOL,
        source_school=casework.school,
        case=casework.case,
    )
    return school_user, sent


def test_the_school_sees_its_pupil_and_what_it_sent(client, casework, sign_in, pupil_of_the_school):
    school_user, sent = pupil_of_the_school
    sign_in(school_user)
    html = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert casework.child.full_name in html
    assert sent.title in html and f"/records/{sent.pk}/" in html
    assert "/referrals/" in html  # where the status of its referrals is


def test_the_school_sees_nothing_of_the_las_casework(client, casework, sign_in, pupil_of_the_school):
    school_user, _sent = pupil_of_the_school
    sign_in(school_user)
    html = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert casework.case.reference not in html
    assert "EC-CONSENT-7" not in html and "Consents and objections" not in html
    assert "Shared with" not in html
    assert "Restricted" not in html
    for record in casework.records.values():
        assert record.title not in html and f"/records/{record.pk}/" not in html
    assert casework.child.la_reference not in html


def test_the_api_gives_the_school_no_more_than_the_page(world, casework, pupil_of_the_school):
    school_user, sent = pupil_of_the_school
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=school_user).key}")
    body = api.get(f"/api/people/{casework.child.pk}/").json()
    assert [row["id"] for row in body["records"]] == [sent.pk]
    assert body["consents"] == []


def test_the_las_staff_still_see_the_casework(client, world, casework, sign_in, pupil_of_the_school):
    sign_in(world.users["assigned_caseworker"])
    html = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert casework.case.reference in html and "Consents" in html and "Restricted" not in html


def test_the_school_is_offered_only_the_withdrawal_of_a_consent_in_force(
    client, casework, sign_in, pupil_of_the_school
):
    from tutela.consent.models import Consent

    school_user, _sent = pupil_of_the_school
    consent = Consent.objects.get(subject=casework.child)
    sign_in(school_user)
    html = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert f"/consents/{consent.pk}/withdraw/" in html
    withdraw = client.get(f"/consents/{consent.pk}/withdraw/").content.decode()
    assert "EC-CONSENT-7" not in withdraw and "Recorded by" not in withdraw
