"""Every generated notice and policy document, read as a person reads it (HTML, Markdown and PDF text).

The young people's version speaks to the young person about their own data only, in plain words;
no document carries the register authors' editorial notes, raw codes, ISO dates, broken joins or
leftover fragments. Each PDF is rendered once for the module (WeasyPrint is slow).
"""

import html
import io
import re

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from tutela.lib.pdf import html_to_pdf
from tutela.register.api import register
from tutela.register.notices import notice_build, notice_pdf, notice_render
from tutela.register.policy_document import policy_document_build
from tutela.register.tests.seed_items import SEEDS

SERVICES = [(controller, service) for controller, service, _items in SEEDS.values()]
# The taxonomy's data subject the young people's version speaks to ("You"); its categories are "child.*".
YOUNG_PERSON = "child"

EDITORIAL = re.compile(
    r"in the notice|named in the|as the notice|the notice says|the notice gave|presumably|shared/design"
    r"|tutela's default|\.md\b",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
RAW_CODE = re.compile(
    r"\b(?:public_task|legal_obligation|vital_interests|legitimate_interests|date_of_birth|case_closure|record_date"
    r"|end_of_financial_year|processing_ends)\b|\bP\d+[YMD]\b|\b(?:child|family|workforce|professional)\.[a-z-]+\.[a-z-]+"
)
BROKEN_JOIN = re.compile(r"without it,? only [A-Z]|without it,? only we\b|\(only with your consent; without it only ")


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _html_text(rendered: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", rendered)))


@pytest.fixture(scope="module")
def documents() -> dict[tuple[str, str], dict[str, str]]:
    """Each service's documents as text: HTML, Markdown and PDF, full and young people's, and the policy document."""
    registers = register()
    found: dict[tuple[str, str], dict[str, str]] = {}
    for controller, service in SERVICES:
        notice = notice_build(registers=registers, controller=controller, service=service)
        texts = {
            "notice html": _html_text(notice_render(notice=notice, format="html")),
            "notice md": notice_render(notice=notice, format="md"),
            "notice pdf": _pdf_text(notice_pdf(notice=notice)),
            "young html": _html_text(notice_render(notice=notice, format="html", young_people=True)),
            "young md": notice_render(notice=notice, format="md", young_people=True),
            "young pdf": _pdf_text(notice_pdf(notice=notice, young_people=True)),
        }
        document = policy_document_build(registers=registers, controller=controller, service=service)
        if document is not None:
            context = {"document": document}
            texts["policy html"] = _html_text(render_to_string("register/policy_document_print.html", context))
            texts["policy pdf"] = _pdf_text(html_to_pdf("register/policy_document_print.html", context))
        found[(controller, service)] = texts
    return found


def _young(texts: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in texts.items() if name.startswith("young")}


@pytest.mark.parametrize(("controller", "service"), SERVICES)
def test_no_document_carries_editorial_notes_raw_codes_or_iso_dates(documents, controller, service):
    for name, text in documents[(controller, service)].items():
        assert not EDITORIAL.search(text), f"{service} {name}: editorial note {EDITORIAL.search(text)}"
        assert not RAW_CODE.search(text), f"{service} {name}: raw code {RAW_CODE.search(text)}"
        assert not ISO_DATE.search(text), f"{service} {name}: ISO date {ISO_DATE.search(text)}"


@pytest.mark.parametrize(("controller", "service"), SERVICES)
def test_joined_sentences_read_as_sentences(documents, controller, service):
    for name, text in documents[(controller, service)].items():
        assert not BROKEN_JOIN.search(text), f"{service} {name}: {BROKEN_JOIN.search(text)}"


def test_consent_only_recipients_read_as_one_sentence(documents):
    text = documents[("dudley", "education-support")]["notice html"]
    assert "(only with your consent; without it, only where the law and our policies allow it" in text


def test_document_control_shows_no_leftover_fragments(documents):
    for texts in documents.values():
        for name, text in texts.items():
            assert "LanConsent" not in text, name


def test_young_peoples_version_is_about_the_young_persons_own_data_only(documents):
    registers = register()
    for controller, service in SERVICES:
        found = registers.service(controller, service)
        others = [
            category.plain
            for category in registers.categories([key for p in found.purposes for key in p.categories])
            if category.key.split(".", 1)[0] != YOUNG_PERSON
        ]
        other_purposes = [p.plain for p in found.purposes if YOUNG_PERSON not in p.data_subjects]
        for name, text in _young(documents[(controller, service)]).items():
            for phrase in others + other_purposes:
                assert phrase.split(".")[0] not in text, f"{service} {name} tells the young person: {phrase}"


def test_young_peoples_version_no_longer_lists_school_staff_pay_and_sickness(documents):
    for name, text in _young(documents[("wigan", "pupil-data")]).items():
        assert "School staff jobs and pay" not in text, name
        assert "When school staff are off sick" not in text, name
        assert "school staff" not in text.lower(), name
        assert "workforce" not in text.lower(), name


def test_young_peoples_version_gives_retention_in_plain_words(documents):
    for (_controller, service), texts in documents.items():
        for name, text in _young(texts).items():
            assert "How long we keep it" in text, f"{service} {name}"
            for words in ("financial year", "securely destroyed", "from the child's date of birth", "then reviewed"):
                assert words not in text, f"{service} {name}: {words}"
    assert "until you are 25. Then we destroy it safely." in documents[("wigan", "pupil-data")]["young html"]


def test_young_peoples_version_names_only_rights_that_apply(documents):
    # Pupil data rests on public task and legal obligation: portability needs consent or a contract.
    for name, text in _young(documents[("wigan", "pupil-data")]).items():
        assert "send a copy elsewhere" not in text, name


def test_young_peoples_version_says_we_ask_first_once(documents):
    text = documents[("wigan", "targeted-education-support")]["young html"]
    assert text.count("For some things we ask first") == 1


@pytest.mark.django_db
def test_young_peoples_page_downloads_the_young_peoples_pdf(client):
    page = client.get("/privacy/wigan/pupil-data/young-people/").content.decode()
    link = re.search(r'href="([^"]*notice\.pdf[^"]*)"', page)
    assert link is not None
    response = client.get(html.unescape(link.group(1)))
    assert response["Content-Type"] == "application/pdf"
    assert "young-people" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "your information" in text
    assert "Document control" not in text


def test_the_careers_opt_out_reads_as_a_sentence(documents):
    for name in ("notice html", "notice md", "notice pdf"):
        text = re.sub(r"\s+", " ", documents[("wigan", "pupil-data")][name])
        # (The PDF may break the page after "A".)
        assert "parent (or the pupil, if aged 16 or over) can ask that they receive only" in text, name


def test_markdown_notice_gives_each_rights_limit_and_contact_details_without_gaps(documents):
    text = documents[("wigan", "pupil-data")]["notice md"]
    portability = next(line for line in text.splitlines() if "copy or transfer it" in line)
    assert "Where we rely on public task: Art 20(3)" in portability
    for (_controller, service), texts in documents.items():
        contacts = texts["notice md"].split("## Contact us", 1)[1]
        assert ":  " not in contacts and "  https" not in contacts, service
