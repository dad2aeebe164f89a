"""Notices to improve on a case and their improvement periods, read back from the recorded steps.

A penalty notice to a parent whose notice to improve is still running is the officer's decision to
act before the improvement period ends: the officer is warned and gives a reason (the NTI letter
itself says a notice may be issued early if there is further unauthorised absence).
"""

from dataclasses import dataclass
from datetime import date

from tutela.casework.models import Case
from tutela.enforcement.models import StepEntry
from tutela.enforcement.selectors import pupil_school_days
from tutela.enforcement.stages import improvement_period
from tutela.people.models import Person

NTI = "notice-to-improve"


@dataclass(frozen=True)
class ImprovementPeriod:
    entry: StepEntry
    parent: Person | None
    served_on: date
    received_on: date
    ends_on: date

    def running_on(self, day: date) -> bool:
        """From service (a posted notice is on its way) to the last day of the improvement period."""
        return self.served_on <= day <= self.ends_on


def improvement_periods(*, case: Case) -> list[ImprovementPeriod]:
    """Every notice to improve recorded on the case (the case is gated before this is called)."""
    periods = []
    for entry in case.steps.filter(step=NTI).select_related("concerning"):
        received, ends = improvement_period(entry.data, pupil_school_days(person=case.child, on=entry.happened_on))
        periods.append(ImprovementPeriod(entry, entry.concerning, entry.happened_on, received, ends))
    return periods


def running_improvement_periods(*, case: Case, on: date, parent: Person | None = None) -> list[ImprovementPeriod]:
    """The notices to improve running on a day: to one parent, or to anyone on the case."""
    return [
        period
        for period in improvement_periods(case=case)
        if period.running_on(on) and (parent is None or period.entry.concerning_id == parent.pk)
    ]
