"""The notice to improve letter carries the support the officer recorded (support already offered
and further support are part of what the notice must say)."""

import io
from datetime import date

from pypdf import PdfReader

from tutela.enforcement.services import step_record
from tutela.records.selectors import document_content

SUPPORT = "A breakfast club place from Monday, and weekly check-ins with Mrs Pastoral."


def test_the_letter_sets_out_the_support_offered(ess):
    entry = step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="notice-to-improve",
        concerning=ess.mother,
        rationale="Support has not improved attendance.",
        values={
            "served_on": date(2026, 1, 12),
            "service_method": "hand",
            "improvement_weeks": 4,
            "support_offered": SUPPORT,
        },
    )
    _document, content = document_content(actor=ess.officer, record_id=entry.letter_id)
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
    assert SUPPORT in text
