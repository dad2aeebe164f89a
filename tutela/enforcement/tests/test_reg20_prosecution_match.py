"""Reg 20 says whether a notice's recipient was prosecuted: a prosecution of that parent for the same
child over an overlapping period counts even when nobody linked it to the notice."""

from datetime import date

from tutela.enforcement.selectors import reg20_rows
from tutela.enforcement.services import penalty_notice_issue, prosecution_start


def test_an_unlinked_prosecution_for_the_same_period_is_reported(ess, world):
    notice = penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="r",
    )
    prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.father,
        offence="s444(1)",
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        rationale="r",
    )
    assert reg20_rows(controller=world.controllers["dudley"], service="education-support")[0].prosecution == (
        "Not prosecuted"  # the other parent's prosecution is not this recipient's
    )
    prosecution = prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        offence_start=date(2025, 10, 1),
        offence_end=date(2025, 12, 5),
        rationale="r",
    )
    row = reg20_rows(controller=world.controllers["dudley"], service="education-support")[0]
    assert row.notice == notice and prosecution.reference in row.prosecution
