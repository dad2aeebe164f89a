"""A penalty notice to a parent whose notice to improve is still running: the officer is warned on
the form and must give a reason to go ahead before the improvement period ends."""

from datetime import date

import pytest

from tutela.enforcement.models import PenaltyNotice
from tutela.enforcement.services import penalty_notice_issue, step_record
from tutela.lib.errors import InvalidInput

pytestmark = pytest.mark.usefixtures("unrendered_letters")

EARLY = "Three further unauthorised sessions since the notice to improve; its letter warned of this."


@pytest.fixture
def nti(ess):
    """Served by hand on Monday 12 January 2026, four school weeks: ends Monday 9 February (no calendar)."""
    return step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="notice-to-improve",
        concerning=ess.mother,
        rationale="Support has not improved attendance.",
        values={
            "served_on": date(2026, 1, 12),
            "service_method": "hand",
            "improvement_weeks": 4,
            "support_offered": "A breakfast club place.",
        },
    )


def issue(ess, parent, issued_on=date(2026, 1, 14), nti_running_reason=""):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=parent,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=issued_on,
        service_method="hand",
        rationale="Threshold met.",
        nti_running_reason=nti_running_reason,
    )


def test_a_notice_during_the_improvement_period_needs_a_reason(ess, nti):
    with pytest.raises(InvalidInput) as refused:
        issue(ess, ess.mother)
    assert "runs until 9 February 2026" in refused.value.errors["nti_running_reason"]
    assert not PenaltyNotice.objects.exists()


def test_with_a_reason_it_is_issued_and_the_reason_kept(ess, nti):
    notice = issue(ess, ess.mother, nti_running_reason=EARLY)
    assert notice.nti_running_reason == EARLY
    assert "Issued before the notice to improve ended: " + EARLY in notice.decision.rationale


def test_the_other_parent_had_no_notice_to_improve_so_needs_no_reason(ess, nti):
    assert issue(ess, ess.father).nti_running_reason == ""


def test_after_the_improvement_period_no_reason_is_needed(ess, nti, time_machine):
    time_machine.move_to(date(2026, 2, 10))
    assert issue(ess, ess.mother, issued_on=date(2026, 2, 10)).nti_running_reason == ""


def test_the_form_warns_while_the_notice_to_improve_runs_and_asks_for_the_reason(ess, nti, sign_in):
    client = sign_in(ess.officer)
    url = f"/enforcement/cases/{ess.case.pk}/penalty-notices/new/"
    page = client.get(url).content.decode()
    assert "A notice to improve to Mary Example is running" in page and "9 February 2026" in page
    response = client.post(
        url,
        {
            "parent": str(ess.mother.pk),
            **{f"offence_start_{n}": v for n, v in enumerate(("1", "9", "2025"))},
            **{f"offence_end_{n}": v for n, v in enumerate(("7", "11", "2025"))},
            **{f"issued_on_{n}": v for n, v in enumerate(("14", "1", "2026"))},
            "service_method": "hand",
            "rationale": "Threshold met.",
        },
    )
    assert 'id="id_nti_running_reason-error"' in response.content.decode()
    assert not PenaltyNotice.objects.exists()
