"""A penalty notice dated more than 14 days before it is recorded needs the officer's reason: the
service refuses it without one, and the form shows the error on the field."""

from datetime import date

import pytest

from tutela.enforcement.models import PenaltyNotice
from tutela.enforcement.services import penalty_notice_issue
from tutela.lib.errors import InvalidInput

pytestmark = pytest.mark.usefixtures("unrendered_letters")


def issue(ess, issued_on, late_reason=""):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=issued_on,
        service_method="hand",
        rationale="Threshold met.",
        late_reason=late_reason,
    )


def test_a_notice_dated_15_days_ago_is_refused_without_a_reason(ess, today):
    with pytest.raises(InvalidInput) as refused:
        issue(ess, date(2025, 12, 31))
    assert "more than 14 days ago" in refused.value.errors["late_reason"]
    assert not PenaltyNotice.objects.exists()


def test_a_notice_dated_14_days_ago_needs_no_reason(ess, today):
    assert issue(ess, date(2026, 1, 1)).late_reason == ""


def test_the_reason_is_kept_with_the_notice_and_its_decision(ess, today):
    notice = issue(ess, date(2025, 11, 20), late_reason="Issued by the police; their copy reached us today.")
    assert notice.late_reason == "Issued by the police; their copy reached us today."
    assert "their copy reached us today" in notice.decision.rationale


def test_the_form_shows_the_missing_reason_as_an_error(ess, today, sign_in):
    client = sign_in(ess.officer)
    response = client.post(
        f"/enforcement/cases/{ess.case.pk}/penalty-notices/new/",
        {
            "parent": str(ess.mother.pk),
            "offence_start_0": "1",
            "offence_start_1": "9",
            "offence_start_2": "2025",
            "offence_end_0": "7",
            "offence_end_1": "11",
            "offence_end_2": "2025",
            "issued_on_0": "20",
            "issued_on_1": "11",
            "issued_on_2": "2025",
            "service_method": "hand",
            "rationale": "Threshold met.",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_late_reason-error"' in page and "more than 14 days ago" in page
    assert not PenaltyNotice.objects.exists()
