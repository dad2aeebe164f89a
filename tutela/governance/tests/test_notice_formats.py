"""Every service's notice renders as a public page, a young people's page, a PDF and Markdown."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from tutela.register.api import register
from tutela.register.tests.seed_items import SEEDS

SERVICES = [(controller, service) for controller, service, _items in SEEDS.values()]


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
@pytest.mark.parametrize(("controller", "service"), SERVICES)
def test_public_pages_need_no_sign_in(client, controller, service):
    title = register().service(controller, service).document_control.title
    page = client.get(f"/privacy/{controller}/{service}/")
    assert page.status_code == 200
    assert title in page.content.decode()
    assert client.get(f"/privacy/{controller}/{service}/young-people/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("controller", "service"), SERVICES)
def test_pdf_opens_and_has_the_document_control_table(client, controller, service):
    found = register().service(controller, service)
    response = client.get(f"/privacy/{controller}/{service}/notice.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Document control" in text
    assert "Version history" in text
    assert "Document title" in text
    for version in found.document_control.versions:
        assert version.version in text


@pytest.mark.django_db
def test_young_people_pdf(client):
    response = client.get("/privacy/dudley/education-support/notice.pdf?version=young-people")
    assert "your information" in _pdf_text(response.content)


@pytest.mark.django_db
def test_unknown_service_is_404(client):
    assert client.get("/privacy/wigan/no-such-service/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_notice_render_command_writes_each_format(tmp_path, fmt):
    out = tmp_path / f"notice.{fmt}"
    call_command(
        "notice_render",
        "--controller",
        "wigan",
        "--service",
        "engagement-centres",
        "--format",
        fmt,
        "--out",
        str(out),
        stdout=StringIO(),
    )
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
        assert "Engagement Centres Privacy Notice" in _pdf_text(data)
    elif fmt == "md":
        assert "# Engagement Centres Privacy Notice" in data.decode()
        assert "## Document control" in data.decode()
    else:
        assert "<h1" in data.decode()


@pytest.mark.django_db
def test_notice_render_command_names_an_unknown_service(tmp_path):
    with pytest.raises(CommandError, match="controller 'wigan' has no service 'nothing'"):
        call_command(
            "notice_render",
            "--controller",
            "wigan",
            "--service",
            "nothing",
            "--format",
            "md",
            "--out",
            str(tmp_path / "x.md"),
        )
    assert not (tmp_path / "x.md").exists()
