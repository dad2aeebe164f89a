"""403, 404 and 500 pages follow the GOV.UK patterns and say what to do next."""

import pytest
from django.test import Client
from django.urls import path

from tutela import urls as project_urls


def _explode(request):
    raise RuntimeError("boom")


urlpatterns = [*project_urls.urlpatterns, path("explode/", _explode)]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


def test_not_found_page(client, world):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "govuk-frontend.min.css" in html


def test_forbidden_page(client, world, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.get("/audit/")
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


@pytest.mark.urls("tutela.web.tests.test_error_pages")
def test_server_error_page(world):
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
