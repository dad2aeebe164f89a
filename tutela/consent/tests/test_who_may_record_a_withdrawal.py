"""Who may record a consent's withdrawal: whoever needs to know the person in the consent's service,
and a school user passing on a parent's withdrawal for their own pupil (seed 001: "contact your
child's education establishment in the first instance who will then inform our service"); nobody
else, on the page or through the service."""

import pytest
from django.utils import timezone

from tutela.accounts.tests.factories import UserFactory
from tutela.audit.models import AuditEntry
from tutela.consent.services import consent_withdraw
from tutela.consent.tests.pages import date_boxes, given
from tutela.governance.errors import GateDenied

MAY = {
    "assigned_caseworker": True,
    "team_colleague": True,
    "other_service_officer": False,
    "own_school_user": True,
    "other_school_user": False,
    "dudley_caseworker": False,
    "outsider": False,
}


def _persona(world, casework, persona):
    if persona == "own_school_user":
        return UserFactory(controller=world.controllers["wigan"], roles=["school-user"], school=casework.school)
    if persona == "other_school_user":
        return world.users["school_user"]  # the casework fixture puts them at another school
    return world.users[persona]


@pytest.mark.parametrize(("persona", "may"), MAY.items())
def test_the_withdrawal_page_opens_only_for_those_who_may_record_it(world, casework, client, persona, may):
    consent = given(world, casework)
    client.force_login(_persona(world, casework, persona))
    assert client.get(f"/consents/{consent.pk}/withdraw/").status_code == (200 if may else 403)


@pytest.mark.parametrize(("persona", "may"), MAY.items())
def test_the_service_records_a_withdrawal_only_for_those_who_may(world, casework, persona, may):
    consent = given(world, casework)
    actor = _persona(world, casework, persona)
    withdraw = {"consent": consent, "withdrawn_by": casework.mother, "withdrawn_on": timezone.localdate()}
    if may:
        assert consent_withdraw(actor=actor, **withdraw).withdrawn_on == timezone.localdate()
    else:
        with pytest.raises(GateDenied):
            consent_withdraw(actor=actor, **withdraw)
        consent.refresh_from_db()
        assert consent.is_live
        assert AuditEntry.objects.filter(
            subject_id=str(casework.child.pk), object_type="consent.consent", decision="denied"
        ).exists()


def test_a_school_user_passes_on_a_withdrawal_from_their_pupils_page(world, casework, client):
    consent = given(world, casework)
    school_user = _persona(world, casework, "own_school_user")
    client.force_login(school_user)
    pupil_page = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert f"/consents/{consent.pk}/withdraw/" in pupil_page
    response = client.post(
        f"/consents/{consent.pk}/withdraw/",
        {
            "withdrawn_by": str(casework.mother.pk),
            "note": "Mother told the school office",
            **date_boxes("withdrawn_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/people/{casework.child.pk}/"
    consent.refresh_from_db()
    assert consent.withdrawal_recorded_by == school_user and not consent.is_live


def test_a_school_user_sees_none_of_the_consent_list(world, casework, client):
    given(world, casework)
    client.force_login(_persona(world, casework, "own_school_user"))
    assert client.get(f"/people/{casework.child.pk}/consents/").status_code == 403
    assert client.get(f"/people/{casework.child.pk}/consents/new/").status_code == 403
