"""A session ends after the configured time without activity; activity keeps it alive."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

IDLE = timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_session_ends_after_the_idle_limit(client, world, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        sign_in(world.users["assigned_caseworker"])
        assert client.get("/").status_code == 200
        traveller.shift(IDLE + timedelta(seconds=1))
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_activity_pushes_the_expiry_on(client, world, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        sign_in(world.users["assigned_caseworker"])
        for _ in range(3):
            traveller.shift(IDLE - timedelta(minutes=1))
            assert client.get("/").status_code == 200


def test_idle_limit_defaults_to_thirty_minutes():
    assert timedelta(minutes=30) == IDLE
