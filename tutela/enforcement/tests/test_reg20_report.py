"""The regulation 20 report: for each penalty notice, a copy of its particulars, every payment and
refund with its date, whether and why it was withdrawn, and whether the recipient was prosecuted,
with the outcome. Only officers of a team delivering the service may produce it."""

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tutela.audit.models import AuditEntry
from tutela.enforcement.reports import reg20_pdf
from tutela.enforcement.services import (
    penalty_notice_issue,
    penalty_notice_withdraw,
    penalty_payment_record,
    prosecution_start,
    prosecution_update,
)
from tutela.governance.errors import GateDenied

EARLY = {"offence_start": date(2025, 9, 1), "offence_end": date(2025, 9, 26)}
LATER = {"offence_start": date(2025, 9, 29), "offence_end": date(2025, 11, 7)}


def text_of(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def issue(ess, parent, issued_on, period):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=parent,
        issued_on=issued_on,
        service_method="hand",
        rationale="Threshold met.",
        late_reason="Recorded from the paper file.",  # dated more than 14 days before today
        **period,
    )


def pay(ess, notice, pence, on, kind="payment", overpayment_confirmed=False):
    penalty_payment_record(
        actor=ess.officer,
        reference=notice.reference,
        amount_pence=pence,
        received_on=on,
        kind=kind,
        overpayment_confirmed=overpayment_confirmed,
    )


@pytest.fixture
def notices(ess):
    """Mary's first notice paid (with an overpayment refunded), her second unpaid and prosecuted to
    conviction, and Frank's withdrawn."""
    first = issue(ess, ess.mother, date(2025, 9, 29), EARLY)
    pay(ess, first, 4000, date(2025, 10, 1))
    pay(ess, first, 8000, date(2025, 10, 10), overpayment_confirmed=True)  # £40 more than was outstanding
    pay(ess, first, 4000, date(2025, 10, 20), kind="refund")
    second = issue(ess, ess.mother, date(2025, 11, 24), LATER)
    withdrawn = issue(ess, ess.father, date(2025, 11, 24), LATER)
    penalty_notice_withdraw(
        actor=ess.officer, notice=withdrawn, reason="Mr Sample had moved out before the offence period."
    )
    prosecution = prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        rationale="Second notice unpaid.",
        penalty_notice=second,
        **LATER,
    )
    prosecution_update(
        actor=ess.officer,
        prosecution=prosecution,
        changes={"information_laid_on": date(2026, 1, 5), "outcome": "convicted", "outcome_on": date(2026, 1, 14)},
    )
    return first, second, withdrawn


def test_each_notice_has_its_particulars_payments_withdrawal_and_prosecution(ess, world, notices):
    first, second, withdrawn = notices
    text = text_of(reg20_pdf(actor=ess.officer, controller=world.controllers["dudley"]))
    for expected in (
        # a copy of each notice's particulars
        f"Notice reference {first.reference} Issued to Mary Example, 1 Test Row, Dudley DY1 1AA",
        f"Notice reference {withdrawn.reference} Issued to Frank Sample, 9 Other Street, Dudley DY2 2BB",
        "Child Tilly Example",
        f"School {ess.school.name} (URN {ess.school.urn})",
        "Offence period 1 September 2025 to 26 September 2025 (8 unauthorised sessions)",
        f"Issued by {ess.officer.get_full_name()}",
        "Date issued 29 September 2025 Service method By hand Treated as received on 29 September 2025",
        "Amount £80.00 if paid by 19 October 2025; £160.00 if paid by 26 October 2025",
        "Amount £160.00 if paid by 21 December 2025 (a second notice within three years: no reduced amount)",
        # every payment and refund, with its date
        "1 October 2025 Payment £40.00 10 October 2025 Payment £80.00 20 October 2025 Refund £40.00",
        "Net amount received £80.00",
        # withdrawal and why
        "Withdrawn on 15 January 2026",
        "Reason: Mr Sample had moved out before the offence period.",
        # prosecution and its outcome
        f"{second.reference}",
        "Failure to secure regular attendance (s444(1) Education Act 1996), convicted on 14 January 2026",
    ):
        assert expected in text, expected
    assert text.count("Not prosecuted") == 2 and text.count("Not withdrawn.") == 2
    assert "Page 1 of" in text


def test_producing_the_report_is_audited_with_the_notices_it_lists(ess, world, notices):
    reg20_pdf(actor=ess.officer, controller=world.controllers["dudley"])
    entry = AuditEntry.objects.get(action="reg20_report")
    assert entry.detail["notices"] == [notice.reference for notice in notices]
    assert AuditEntry.objects.filter(action="export", object_type="regulation 20 report", decision="allowed").exists()


@pytest.mark.parametrize(
    ("persona", "may_see"),
    [
        ("assigned_caseworker", True),
        ("ess_colleague", True),
        ("other_service_officer", False),  # another authority's officer
        ("dudley_ig_officer", False),  # Dudley, but no team in the service
        ("school_user", False),
        ("outsider", False),
    ],
)
def test_only_officers_of_the_service_may_produce_the_report(ess, ess_colleague, world, persona, may_see):
    actor = {
        "assigned_caseworker": ess.officer,
        "ess_colleague": ess_colleague,
        "school_user": ess.school_user,
    }.get(persona) or world.users[persona]
    if may_see:
        assert reg20_pdf(actor=actor, controller=world.controllers["dudley"]).startswith(b"%PDF")
    else:
        with pytest.raises(GateDenied):
            reg20_pdf(actor=actor, controller=world.controllers["dudley"])
        assert AuditEntry.objects.get(action="reg20_report", actor_id=actor.pk).decision == "denied"


def test_an_officer_of_an_authority_without_the_service_is_refused_in_words(ess, world, client):
    client.force_login(world.users["assigned_caseworker"])  # Wigan runs no Education Support Service
    response = client.get("/enforcement/penalty-notice-records.pdf")
    assert response.status_code == 403
    assert "does not run this service" in AuditEntry.objects.get(action="reg20_report").reason
