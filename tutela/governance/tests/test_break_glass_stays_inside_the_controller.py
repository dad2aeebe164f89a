"""Break-glass is for staff of the subject's own controller, in a role that reads records in one of
its services, for a registered purpose of that controller: nobody else can open a grant, and no
grant opens another controller's data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, decide
from tutela.governance.models import BreakGlassGrant
from tutela.governance.services import break_glass_open
from tutela.governance.tests.dudley import HEALTH_PURPOSE, SERVICE, dudley_child
from tutela.records.selectors import record_read
from tutela.records.services import record_touch

PURPOSE = f"{SERVICE}/{HEALTH_PURPOSE}"
REASON = "Police report the child missing since this morning"

REFUSED = [
    "assigned_caseworker",  # Wigan caseworker
    "analyst",  # Wigan, a role that never reads records
    "administrator",  # Wigan
    "dudley_school_user",
    "pastoral_staff",  # Werneth School
    "dudley_ig_officer",
]


def _persona(world, dudley, key):
    return dudley.school_user if key == "dudley_school_user" else world.users[key]


@pytest.mark.parametrize("persona", REFUSED)
def test_only_the_subjects_own_controllers_record_readers_may_open_a_grant(world, persona):
    dudley = dudley_child(world)
    actor = _persona(world, dudley, persona)
    with pytest.raises(GateDenied):
        break_glass_open(actor=actor, subject=dudley.child, reason=REASON, purpose=PURPOSE, minutes=15)
    assert not BreakGlassGrant.objects.filter(actor=actor).exists()
    with pytest.raises(GateDenied):
        record_read(actor=actor, record_id=dudley.health.pk)


@pytest.mark.parametrize("persona", REFUSED)
def test_the_emergency_access_page_refuses_them_too(client, world, sign_in, persona):
    dudley = dudley_child(world)
    actor = _persona(world, dudley, persona)
    sign_in(actor)
    form = {"purpose": PURPOSE, "reason": REASON, "minutes": 15}
    assert client.post(f"/people/{dudley.child.pk}/break-glass/", form).status_code == 403
    assert not BreakGlassGrant.objects.filter(actor=actor).exists()
    assert client.get(f"/records/{dudley.health.pk}/").status_code == 403


def test_a_caseworker_of_another_team_of_the_controller_may_open_a_grant(client, world, sign_in):
    dudley = dudley_child(world)
    officer = dudley.other_team_caseworker
    sign_in(officer)
    assert client.get(f"/records/{dudley.health.pk}/").status_code == 403
    form = {"purpose": PURPOSE, "reason": REASON, "minutes": 15}
    assert client.post(f"/people/{dudley.child.pk}/break-glass/", form).status_code == 302
    grant = BreakGlassGrant.objects.get(actor=officer)
    assert (grant.controller, grant.service, grant.purpose) == (
        world.controllers["dudley"],
        SERVICE,
        HEALTH_PURPOSE,
    )
    page = client.get(f"/records/{dudley.health.pk}/")
    assert page.status_code == 200
    assert "asthma plan" in page.content.decode()


def test_the_purpose_must_be_one_of_the_controllers_purposes_for_the_person(world):
    from tutela.lib.errors import InvalidInput

    dudley = dudley_child(world)
    with pytest.raises(InvalidInput) as raised:
        break_glass_open(
            actor=dudley.other_team_caseworker,
            subject=dudley.child,
            reason=REASON,
            purpose="engagement-centres/administer-service",
            minutes=15,
        )
    assert "purpose" in raised.value.errors


def test_no_grant_opens_another_controllers_data_even_if_one_exists(world):
    """Defence in depth: a grant row naming Dudley, held by a Wigan officer, opens nothing."""
    dudley = dudley_child(world)
    wigan_officer = world.users["assigned_caseworker"]
    now = timezone.now()
    BreakGlassGrant.objects.create(
        actor=wigan_officer,
        subject=dudley.child,
        controller=world.controllers["dudley"],
        service=SERVICE,
        purpose=HEALTH_PURPOSE,
        reason=REASON,
        granted_at=now,
        expires_at=now + timedelta(minutes=15),
    )
    assert not decide(actor=wigan_officer, action=Action.READ, touch=record_touch(dudley.health))
