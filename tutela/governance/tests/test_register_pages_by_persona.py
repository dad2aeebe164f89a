"""Only information-governance staff and the DPO browse and export the register."""

import csv
import io

import pytest

from tutela.audit.models import AuditEntry
from tutela.register.api import register

PAGES = [
    "/register/",
    "/register/dudley/",
    "/register/dudley/record-of-processing.csv",
    "/register/dudley/education-support/appropriate-policy-document/",
]
ALLOWED = {"ig_officer", "dpo", "dudley_ig_officer"}
PERSONAS = [
    "assigned_caseworker",
    "team_colleague",
    "other_service_officer",
    "school_user",
    "analyst",
    "outsider",
    *sorted(ALLOWED),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_register_pages_by_persona(client, world, sign_in, persona, page):
    sign_in(world.users[persona])
    response = client.get(page)
    assert response.status_code == (200 if persona in ALLOWED else 403)


def test_signed_out_visitor_cannot_browse(client, world):
    assert client.get("/register/").status_code in {302, 403}


def test_art30_csv_lists_every_purpose_with_basis_categories_subjects_recipients_and_retention(client, world, sign_in):
    sign_in(world.users["ig_officer"])
    response = client.get("/register/wigan/record-of-processing.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    wigan = register().controller("wigan")
    expected = [(s.name, p.description) for s in wigan.services for p in s.purposes]
    assert [(row["Service"], row["Purpose"]) for row in rows] == expected
    for row in rows:
        for column in ("Lawful basis", "Categories of personal data", "Data subjects", "Retention", "Controller"):
            assert row[column], (column, row["Purpose"])
        if row["Status"] == "Active" and row["Service"] != "Retired":
            assert row["Recipients"]
    assert AuditEntry.objects.filter(action="register_export", actor=world.users["ig_officer"]).exists()


def test_art30_pdf_opens(client, world, sign_in):
    from pypdf import PdfReader

    sign_in(world.users["dpo"])
    response = client.get("/register/wigan/record-of-processing.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Record of processing activities" in text
    assert "Wigan Council" in text


def test_policy_document_for_a_schedule_1_service(client, world, sign_in):
    sign_in(world.users["dpo"])
    page = client.get("/register/dudley/education-support/appropriate-policy-document/").content.decode()
    assert "Appropriate policy document" in page
    assert "Schedule 1" in page
    assert "Storage limitation" in page
    assert "How long we are likely to keep them" in page
    pdf = client.get("/register/dudley/education-support/appropriate-policy-document/?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
