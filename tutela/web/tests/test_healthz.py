"""/healthz answers 200 when the database does, and 503 when it does not."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_database_down_gives_503(client):
    with mock.patch("tutela.web.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


@pytest.mark.django_db
def test_needs_no_sign_in(client):
    assert client.get("/healthz").status_code == 200
