"""Repeated failed sign-ins lock that username out from that address, even with the right password."""

import pytest
from django.conf import settings

from tutela.accounts.tests.factories import PASSWORD
from tutela.audit.models import AuditEntry


@pytest.fixture(autouse=True)
def _fresh_axes_cache(db):
    from axes.utils import reset

    reset()


def _attempt(client, username, password):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_correct_password_signs_in_and_is_audited(client, world):
    user = world.users["assigned_caseworker"]
    response = _attempt(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(actor=user, action="sign_in").exists()


def test_wrong_password_shows_a_govuk_error(client, world):
    response = _attempt(client, world.users["assigned_caseworker"].username, "wrong")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Enter a correct username and password" in response.content.decode()


def test_lockout_after_the_failure_limit_refuses_even_the_right_password(client, world):
    user = world.users["assigned_caseworker"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, user.username, "wrong")
    response = _attempt(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "You cannot sign in at the moment" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_attempt_short_of_the_limit_still_signs_in(client, world):
    user = world.users["assigned_caseworker"]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, user.username, "wrong")
    assert _attempt(client, user.username, PASSWORD).status_code == 302


def test_lockout_of_one_user_leaves_another_free(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, world.users["assigned_caseworker"].username, "wrong")
    assert _attempt(client, world.users["team_colleague"].username, PASSWORD).status_code == 302
