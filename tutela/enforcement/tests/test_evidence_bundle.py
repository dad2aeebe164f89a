"""The evidence bundle: one paginated PDF for the court and the defence, with an index giving each
section's first page, then the child's attendance record and marks, the notices and letters with
proof of service, the notice to improve, the interview under caution, the witness statements and
the chronology. Only the defendant's and the child's material goes in; only those who need to
know the case may build it."""

import re
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tutela.audit.models import AuditEntry
from tutela.enforcement.bundle import SECTIONS, bundle_build
from tutela.enforcement.models import EvidenceBundle
from tutela.enforcement.services import (
    penalty_notice_issue,
    penalty_payment_record,
    prosecution_start,
    prosecution_update,
    step_record,
)
from tutela.governance.errors import GateDenied
from tutela.records.selectors import document_content

PERIOD = {"offence_start": date(2025, 9, 1), "offence_end": date(2025, 11, 7)}
INTERVIEW = "Mrs Example said that Monday mornings were hard because of the bus to Tilly's school."
STATEMENT = "I telephoned Mrs Example on the morning of each Monday absence and offered a breakfast club place."
FATHER_INTERVIEW = "Mr Sample said he no longer lives at the family home."


def pages_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def interview(ess, parent, summary, held_on=date(2026, 1, 8)):
    return step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="interview-under-caution",
        concerning=parent,
        values={
            "held_on": held_on,
            "place": "Dudley Council House, Priory Road",
            "interviewing_officer": "Sam Officer, Education Support Service",
            "caution_given": True,
            "recording_reference": "IUC-2026-0042",
            "legal_representative": "Pat Brief, duty solicitor",
            "summary": summary,
        },
    )


def prosecute(ess, penalty_notice=None):
    return prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        rationale="Penalty notice unpaid; no improvement after the notice to improve.",
        penalty_notice=penalty_notice,
        **PERIOD,
    )


@pytest.fixture
def prosecution(ess):
    """Mary Example's whole file: NTI, a part-paid penalty notice, interview, a witness, the court."""
    step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="notice-to-improve",
        concerning=ess.mother,
        rationale="Support since September has not worked.",
        values={
            "served_on": date(2025, 9, 22),
            "service_method": "first_class_post",
            "improvement_weeks": 4,
            "support_offered": "A place at the school's breakfast club and weekly check-ins.",
        },
    )
    notice = penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        issued_on=date(2025, 11, 24),
        service_method="hand",
        rationale="Threshold met; NTI not complied with.",
        late_reason="Recorded from the paper file.",  # dated more than 14 days before today
        **PERIOD,
    )
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference, amount_pence=4000, received_on=date(2025, 12, 1)
    )
    interview(ess, ess.mother, INTERVIEW)
    interview(ess, ess.father, FATHER_INTERVIEW, held_on=date(2026, 1, 9))
    step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="witness-statement",
        concerning=ess.mother,
        values={
            "maker": "Jo Head, attendance lead at the school",
            "made_on": date(2026, 1, 9),
            "signed": True,
            "statement": STATEMENT,
        },
    )
    prosecution = prosecute(ess, penalty_notice=notice)
    return prosecution_update(
        actor=ess.officer,
        prosecution=prosecution,
        changes={"court": "Dudley Magistrates' Court", "information_laid_on": date(2026, 1, 14)},
    )


def test_the_index_gives_the_page_each_section_starts_on(ess, prosecution):
    bundle = bundle_build(actor=ess.officer, prosecution=prosecution)
    _document, content = document_content(actor=ess.officer, record_id=bundle.record_id)
    pages = pages_of(content)
    assert [entry["title"] for entry in bundle.index] == [title for _anchor, title in SECTIONS]
    numbers = [entry["page"] for entry in bundle.index]
    assert numbers[0] == 2 and numbers == sorted(numbers) and numbers[-1] <= len(pages)
    for number, (entry, page) in enumerate(zip(bundle.index, numbers, strict=True), start=1):
        assert re.search(rf"{number}\. {re.escape(entry['title'])}[ .]*{page}\b", pages[0]), entry
        assert f"{number}. {entry['title']}" in pages[page - 1], entry
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, start=1))


def test_the_bundle_holds_every_section_for_the_defendant_and_nothing_about_the_other_parent(ess, prosecution):
    bundle = bundle_build(actor=ess.officer, prosecution=prosecution)
    _document, content = document_content(actor=ess.officer, record_id=bundle.record_id)
    text = " ".join(" ".join(pages_of(content)).split())  # table cells wrap; the words stay in order
    notice = prosecution.penalty_notice
    for expected in (
        # the cover
        "Mary Example, 1 Test Row, Dudley DY1 1AA",
        "Dudley Magistrates' Court",
        "14 January 2026",
        # attendance: 50 school days, unauthorised every Monday and Tuesday morning
        "Possible sessions Attended Authorised absence Unauthorised absence 100 80 0 20",
        "Mon 1 September 2025 N /",
        "Fri 7 November 2025 / /",
        # the penalty notice with proof of service and payments
        notice.reference,
        "Deemed received on 24 November 2025",
        "£80.00 if paid by 14 December 2025; £160.00 if paid by 21 December 2025",
        "Payment of £40.00 on 1 December 2025",
        f"Penalty notice {notice.reference} to Mary Example",
        # the notice to improve letter, served by post, and the NTI itself
        "Served on 22 September 2025 Service method First-class post Deemed received on 24 September 2025",
        "Notice to improve: letter to Mary Example",
        "breakfast club and weekly check-ins",
        # the interview under caution and the witness statement, decrypted
        "IUC-2026-0042",
        "Pat Brief, duty solicitor",
        INTERVIEW,
        "Jo Head, attendance lead at the school",
        STATEMENT,
        # the chronology
        "Case opened",
        f"Prosecution {prosecution.reference}: s444(1), 1 September 2025 to 7 November 2025",
    ):
        assert expected in text, expected
    assert "Mon 10 November 2025" not in text  # outside the offence period
    assert "Frank" not in text and FATHER_INTERVIEW not in text


def test_the_bundle_is_kept_on_the_case_as_criminal_offence_information_about_the_defendant(ess, prosecution):
    bundle = bundle_build(actor=ess.officer, prosecution=prosecution)
    record = bundle.record
    assert record.case == ess.case and record.subject == ess.mother and record.encrypted
    assert record.purpose == "criminal-offence-information"
    assert set(record.categories) == {
        "family.criminal.offence",
        "family.criminal.interview-under-caution",
        "family.criminal.witness-statements",
        "child.identity.name",  # the attendance record is the offence's evidence
        "child.education.attendance",
    }
    assert record.document.content_type == "application/pdf"
    assert bundle.created_by == ess.officer
    built = AuditEntry.objects.get(action="evidence_bundle_build", object_id=str(bundle.pk))
    assert built.subject_id == str(ess.mother.pk) and built.detail["prosecution"] == prosecution.reference


@pytest.mark.parametrize(
    ("persona", "may_build"),
    [
        ("assigned_caseworker", True),
        ("ess_colleague", True),
        ("other_service_officer", False),
        ("dudley_ig_officer", False),
        ("school_user", False),
        ("outsider", False),
    ],
)
def test_only_those_who_need_to_know_the_case_may_build_a_bundle(ess, ess_colleague, world, persona, may_build):
    actor = {
        "assigned_caseworker": ess.officer,
        "ess_colleague": ess_colleague,
        "school_user": ess.school_user,  # a user of the child's own school
    }.get(persona) or world.users[persona]
    prosecution = prosecute(ess)
    if may_build:
        assert bundle_build(actor=actor, prosecution=prosecution).created_by == actor
    else:
        with pytest.raises(GateDenied):
            bundle_build(actor=actor, prosecution=prosecution)
        assert not EvidenceBundle.objects.exists()
