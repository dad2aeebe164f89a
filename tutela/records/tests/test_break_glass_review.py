"""The DPO reviews their own controller's break-glass grants only, sees what was viewed under each
(with links), and records an outcome; while a grant is in force its pages carry a banner."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tutela.accounts.tests.factories import UserFactory
from tutela.governance.models import BreakGlassGrant
from tutela.governance.selectors import break_glass_queue
from tutela.governance.services import break_glass_open
from tutela.governance.tests.dudley import HEALTH_PURPOSE, SERVICE, dudley_child

REASON = "Police report the child missing since this morning"
NOON_UTC = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # 1pm in London (BST)


@pytest.fixture
def dudley_grant(world):
    dudley = dudley_child(world)
    grant = break_glass_open(
        actor=dudley.other_team_caseworker,
        subject=dudley.child,
        reason=REASON,
        purpose=f"{SERVICE}/{HEALTH_PURPOSE}",
        minutes=15,
    )
    return dudley, grant


@pytest.fixture
def dudley_dpo(world):
    ig = world.teams["dudley.ig"]
    return UserFactory(username="dudley-dpo", controller=world.controllers["dudley"], roles=["dpo"], teams=[ig])


def test_each_dpo_queue_holds_only_their_own_controllers_grants(client, world, sign_in, dudley_grant, dudley_dpo):
    _dudley, grant = dudley_grant
    assert list(break_glass_queue(reviewer=dudley_dpo)) == [grant]
    assert not break_glass_queue(reviewer=world.users["dpo"]).exists()
    sign_in(world.users["dpo"])
    assert REASON not in client.get("/break-glass/").content.decode()


def test_another_controllers_dpo_cannot_review_a_grant(client, world, sign_in, dudley_grant):
    _dudley, grant = dudley_grant
    sign_in(world.users["dpo"])
    assert client.get(f"/break-glass/{grant.pk}/").status_code == 403
    response = client.post(f"/break-glass/{grant.pk}/", {"decision": "appropriate", "notes": "Looks fine"})
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_the_review_lists_what_was_viewed_under_the_grant_with_links(client, world, sign_in, dudley_dpo):
    dudley = dudley_child(world)
    sign_in(dudley.other_team_caseworker)
    form = {"purpose": f"{SERVICE}/{HEALTH_PURPOSE}", "reason": REASON, "minutes": 15}
    assert client.post(f"/people/{dudley.child.pk}/break-glass/", form).status_code == 302
    assert client.get(f"/records/{dudley.health.pk}/").status_code == 200
    assert client.get(f"/people/{dudley.child.pk}/").status_code == 200
    grant = BreakGlassGrant.objects.get()
    client.logout()
    sign_in(dudley_dpo)
    page = client.get(f"/break-glass/{grant.pk}/").content.decode()
    assert f'href="/records/{dudley.health.pk}/"' in page
    assert page.count(f'href="/records/{dudley.health.pk}/"') >= 2  # the record page and the person page's list


def test_the_review_ends_in_a_recorded_outcome(client, world, sign_in, dudley_grant, dudley_dpo):
    _dudley, grant = dudley_grant
    sign_in(dudley_dpo)
    assert client.post(f"/break-glass/{grant.pk}/", {"notes": "Seen"}).status_code == 200
    response = client.post(f"/break-glass/{grant.pk}/", {"decision": "not_appropriate", "notes": "No risk"})
    assert "Enter the action taken" in response.content.decode()
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    answer = {"decision": "not_appropriate", "action_taken": "Raised with the officer's manager", "notes": "No risk"}
    assert client.post(f"/break-glass/{grant.pk}/", answer).status_code == 302
    grant.refresh_from_db()
    assert (grant.review_decision, grant.review_action, grant.review_outcome) == (
        "not_appropriate",
        "Raised with the officer's manager",
        "No risk",
    )
    assert grant.reviewed_by == dudley_dpo


def test_pages_about_the_person_carry_a_banner_while_the_grant_is_in_force(client, world, sign_in):
    with time_machine.travel(NOON_UTC, tick=False) as traveller:
        dudley = dudley_child(world)
        officer = dudley.other_team_caseworker
        sign_in(officer)
        form = {"purpose": f"{SERVICE}/{HEALTH_PURPOSE}", "reason": REASON, "minutes": 15}
        assert client.post(f"/people/{dudley.child.pk}/break-glass/", form).status_code == 302
        for url in (f"/people/{dudley.child.pk}/", f"/records/{dudley.health.pk}/"):
            page = client.get(url).content.decode()
            assert "govuk-notification-banner" in page
            assert REASON in page
            assert "until 1 July 2026 at 1:15pm" in page
        assert REASON not in client.get("/people/").content.decode()
        traveller.shift(timedelta(minutes=10))
        assert REASON in client.get(f"/people/{dudley.child.pk}/").content.decode()
        traveller.shift(timedelta(minutes=6))
        assert REASON not in client.get(f"/records/{dudley.health.pk}/").content.decode()
