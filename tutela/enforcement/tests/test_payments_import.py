"""A finance file of payments, matched by notice reference: all or nothing, problems by line."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tutela.enforcement.models import PenaltyPayment
from tutela.enforcement.rules import PaymentState
from tutela.enforcement.services import notice_state, penalty_notice_issue


@pytest.fixture
def notice(ess):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )


def run(tmp_path, text, user):
    path = tmp_path / "payments.csv"
    path.write_text(text)
    out = StringIO()
    call_command("penalty_payments_import", str(path), "--user", user.username, stdout=out)
    return out.getvalue()


def test_payments_are_matched_and_recorded(ess, notice, tmp_path):
    out = run(
        tmp_path,
        f"reference,amount,received_on,method\n{notice.reference},40.00,2026-01-13,card\n"
        f"{notice.reference.lower()},40,2026-01-14,card\n",
        ess.officer,
    )
    assert "2 payments recorded" in out
    assert notice_state(notice, date(2026, 3, 1)) == PaymentState.PAID


def test_any_bad_line_stops_the_whole_file(ess, notice, tmp_path):
    text = (
        f"reference,amount,received_on,method\n{notice.reference},80.00,2026-01-13,card\n"
        "DUD-PN-2099-000001,80.00,2026-01-13,card\n"
        f"{notice.reference},0,2026-01-13,card\n"
    )
    with pytest.raises(CommandError) as failed:
        run(tmp_path, text, ess.officer)
    assert "line 3: no penalty notice" in str(failed.value) and "line 4: the amount" in str(failed.value)
    assert not PenaltyPayment.objects.exists()


def test_bad_values_and_header_are_reported(ess, tmp_path):
    with pytest.raises(CommandError, match="line 1: the header"):
        run(tmp_path, "ref,amount\n", ess.officer)
    with pytest.raises(CommandError, match="line 2: 'eighty' is not an amount"):
        run(tmp_path, "reference,amount,received_on,method\nX,eighty,2026-01-13,card\n", ess.officer)
