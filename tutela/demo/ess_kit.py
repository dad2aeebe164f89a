"""Attendance enforcement for Dudley's Education Support Service: the people and steps every scenario uses."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from faker import Faker

from tutela.accounts.models import Controller, Team, User
from tutela.casework.intake import referral_accept, referral_submit
from tutela.casework.models import Case, Referral
from tutela.casework.services import case_close, case_open, task_add
from tutela.enforcement.categories import SCHOOL_REFERRAL, SERVICE
from tutela.enforcement.models import PenaltyNotice, StepEntry
from tutela.enforcement.services import (
    penalty_notice_issue,
    penalty_payment_record,
    step_record,
)
from tutela.enforcement.stages import STEPS_BY_KEY
from tutela.people.models import Person, School

ESS_CONTROLLER = "dudley"
ESS_SERVICE = SERVICE
ESS_TEAM = "education-support-service"
ESS_OFFICERS = ["dudley-caseworker", "dudley-caseworker2"]
ESS_MANAGER = "dudley-manager"
MAGISTRATES = "Wolverhampton Magistrates' Court"
FAMILY_COURT = "Family Court at Wolverhampton"
SCHOOL_ACTIONS = [
    "Letters home at 90% and 85% attendance; a meeting with the head of year; a breakfast club place offered.",
    "First-day calls for every absence; two home visits by the pastoral lead; an attendance plan agreed and reviewed.",
    "A meeting with the parents and the school nurse; a mentor from the pastoral team; a reduced timetable for "
    "two weeks, since ended.",
]


@dataclass(frozen=True)
class Ess:
    """What every enforcement scenario needs: today, the service's people and the LA's school days."""

    today: date
    controller: Controller
    team: Team
    officers: list[User]
    manager: User
    school_users: dict[int, User]  # by school id
    schools: list[School]
    school_days: list[date]  # from the start of last school year to yesterday
    rng: random.Random
    fake: Faker

    def ago(self, days: int) -> date:
        """``days`` before today, moved back to a weekday: officers post and meet on working days."""
        day = self.today - timedelta(days=days)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return day

    def ahead(self, days: int) -> date:
        return self.today + timedelta(days=days)


@dataclass(frozen=True)
class Family:
    child: Person
    parents: list[Person]
    officer: User

    @property
    def parent(self) -> Person:
        return self.parents[0]


def name(person: Person | User) -> str:
    if isinstance(person, User):
        return person.get_full_name()
    return f"{person.given_name} {person.family_name}"


def refer(ess: Ess, family: Family, *, days_ago: int, sen: str = "none", safeguarding: str = "") -> Referral:
    answers = {
        "actions_taken": ess.rng.choice(SCHOOL_ACTIONS),
        "safeguarding": safeguarding,
        "safeguarding_concerns": bool(safeguarding),
        "sen_status": sen,
    }
    assert family.child.school_id is not None  # noqa: S101 -- referred families are chosen at referring schools
    return referral_submit(
        actor=ess.school_users[family.child.school_id],
        service=ESS_SERVICE,
        form=SCHOOL_REFERRAL,
        child=family.child,
        family=family.parents,
        answers=answers,
        as_of=ess.ago(days_ago),
    )


def case(ess: Ess, family: Family, *, referred_days_ago: int | None = None) -> Case:
    """The family's case: from the school's referral, accepted by the manager, or opened from the worklist."""
    if referred_days_ago is not None:
        referral = refer(ess, family, days_ago=referred_days_ago)
        note = "Threshold met and the school's support is evidenced: accepted and allocated."
        return referral_accept(
            actor=ess.manager, referral=referral, team=ess.team, allocate_to=family.officer, note=note
        )
    return case_open(
        actor=family.officer,
        controller=ess.controller,
        service=ESS_SERVICE,
        child=family.child,
        team=ess.team,
        family=family.parents,
        allocated_worker=family.officer,
    )


def step(family: Family, case: Case, key: str, values: dict[str, Any], rationale: str = "") -> StepEntry:
    concerning = family.parent if STEPS_BY_KEY[key].concerning == "parent" else None
    return step_record(
        actor=family.officer, case=case, step_key=key, values=values, concerning=concerning, rationale=rationale
    )


def meeting(ess: Ess, family: Family, case: Case, *, days_ago: int) -> None:
    attendees = f"{name(family.parent)}, the head of year, {name(family.officer)}"
    agreed = (
        "School to call on the first day of any absence; the family to use the breakfast club; review in six weeks."
    )
    step(
        family,
        case,
        "targeted-support-meeting",
        {"held_on": ess.ago(days_ago), "attendees": attendees, "agreed_actions": agreed},
    )


def notice_to_improve(ess: Ess, family: Family, case: Case, *, days_ago: int) -> None:
    values = {
        "served_on": ess.ago(days_ago),
        "service_method": "hand",
        "improvement_weeks": 4,
        "support_offered": "The targeted support meeting's plan, a breakfast club place and weekly check-ins with "
        "the pastoral lead continue; a referral to the family support worker is offered.",
    }
    rationale = "Unauthorised absence continues despite the support meeting: a last chance to improve before a penalty."
    step(family, case, "notice-to-improve", values, rationale)


def offence_period(ess: Ess, *, ends_before: date, school_days: int = 50) -> tuple[date, date]:
    """The last ``school_days`` school days before a day (ten school weeks, as the national threshold
    counts): the offence period of a notice."""
    days = [day for day in ess.school_days if day < ends_before]
    if not days:
        return ends_before - timedelta(days=42), ends_before - timedelta(days=1)
    return days[max(0, len(days) - school_days)], days[-1]


def notice(
    ess: Ess,
    family: Family,
    case: Case,
    *,
    days_ago: int,
    parent: Person | None = None,
    method: str = "hand",
    period: tuple[date, date] | None = None,
) -> PenaltyNotice:
    issued = ess.ago(days_ago)
    start, end = period or offence_period(ess, ends_before=issued - timedelta(days=2))
    return penalty_notice_issue(
        actor=family.officer,
        case=case,
        parent=parent or family.parent,
        offence_start=start,
        offence_end=end,
        issued_on=issued,
        service_method=method,
        rationale="The unauthorised absence in the period meets the national threshold, and the notice to improve "
        "or the school's support has not secured regular attendance.",
        late_reason="Recorded from the officer's paper file when the case moved to Tutela." if days_ago > 14 else "",
        # kept only if the parent's notice to improve was still running on the day (a school holiday can stretch it)
        nti_running_reason="Further unauthorised absence in the improvement period, as the notice to improve warned.",
    )


def pay(family: Family, notice: PenaltyNotice, *, pence: int, on: date) -> None:
    penalty_payment_record(
        actor=family.officer,
        reference=notice.reference,
        amount_pence=pence,
        received_on=on,
        method="Online card payment",
    )


def interview(ess: Ess, family: Family, case: Case, *, days_ago: int) -> None:
    values = {
        "held_on": ess.ago(days_ago),
        "place": "Education Support Service interview room, Dudley Council offices",
        "interviewing_officer": name(family.officer),
        "caution_given": True,
        "recording_reference": f"IUC-{case.reference}",
        "attendees": f"{name(ess.manager)} (second officer)",
        "legal_representative": f"{ess.fake.name()}, duty solicitor",
        "summary": f"{family.parent.given_name} accepted that the absences happened and said mornings are hard "
        "with younger children at home; no illness or other reason was given for the unauthorised sessions.",
    }
    step(family, case, "interview-under-caution", values)


def witness(ess: Ess, family: Family, case: Case, *, days_ago: int) -> None:
    school = family.child.school
    values = {
        "maker": f"{ess.fake.name()}, attendance officer at {school.name if school else 'the school'}",
        "made_on": ess.ago(days_ago),
        "signed": True,
        "statement": "I keep the school's admission and attendance registers. The attendance record exhibited is a "
        "true copy of the register for the period; no request for leave was received for the unauthorised sessions.",
    }
    step(family, case, "witness-statement", values)


def other_schools(ess: Ess, family: Family) -> list[str]:
    return [school.name for school in ess.schools if school.pk != family.child.school_id]


def attendance_orders(ess: Ess, family: Family, case: Case, *, days_ago: int) -> None:
    """The school attendance order route: s437(1) notice, s438 notice of intention, the order."""
    school = other_schools(ess, family)[0]
    reason = "No evidence of a suitable education has been given since the child left school."
    step(family, case, "s437-notice", {"served_on": ess.ago(days_ago), "service_method": "hand"}, reason)
    values = {"served_on": ess.ago(days_ago - 30), "service_method": "first_class_post", "proposed_school": school}
    step(family, case, "s438-notice", values, "The parent did not satisfy the LA within the s437(1) period.")
    values = {"served_on": ess.ago(days_ago - 55), "service_method": "hand", "named_school": school}
    step(family, case, "school-attendance-order", values, "The parent chose no school in the s438 window.")


def close(family: Family, case: Case, reason: str) -> None:
    case_close(actor=family.officer, case=case, reason=reason)


def task(family: Family, case: Case, title: str, due_on: date) -> None:
    task_add(actor=family.officer, case=case, title=title, due_on=due_on)


# Scenarios: referral waiting, returned and redirected, then a case at every stage.
