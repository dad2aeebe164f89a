"""Attendance enforcement for Dudley's Education Support Service: a family at every stage."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from faker import Faker

from tutela.accounts.models import Controller, Team, User
from tutela.attendance.packing import academic_year_of
from tutela.casework.intake import referral_return
from tutela.casework.models import Case, Referral
from tutela.demo import ess_kit as kit
from tutela.demo.calendars import school_days_to_yesterday
from tutela.enforcement.bundle import bundle_build
from tutela.enforcement.rules import next_notice_possible_on
from tutela.enforcement.services import (
    hearing_add,
    penalty_notice_sweep,
    penalty_notice_withdraw,
    prosecution_start,
    prosecution_update,
)
from tutela.enforcement.stages import CME_ENQUIRIES
from tutela.lib.dates import add_months
from tutela.people.models import Person, Relationship, School


def _referral_waiting(ess: kit.Ess, family: kit.Family) -> None:
    kit.refer(ess, family, days_ago=2)


def _referral_waiting_with_concerns(ess: kit.Ess, family: kit.Family) -> None:
    concerns = "A young carer for a parent with a long-term illness; the school's DSL has told early help."
    kit.refer(ess, family, days_ago=1, sen="sen_support", safeguarding=concerns)


def _referral_returned(ess: kit.Ess, family: kit.Family) -> None:
    referral = kit.refer(ess, family, days_ago=20)
    reason = "Please hold a targeted support meeting with the family first and send us its notes; refer again if "
    reason += "attendance has not improved in four weeks."
    referral_return(actor=ess.manager, referral=referral, reason=reason)


def _referral_redirected(ess: kit.Ess, family: kit.Family) -> None:
    referral = kit.refer(ess, family, days_ago=15, sen="ehcp")
    reason = "The absence follows needs the EHCP does not yet meet: passed to Early Help to arrange an early review."
    referral_return(actor=ess.manager, referral=referral, reason=reason, redirect_to="early-help")


def _accepted(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=4)
    kit.task(family, case, "Arrange a targeted support meeting with the family and the school", ess.ahead(7))


def _targeted_support(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=30)
    kit.meeting(ess, family, case, days_ago=9)
    kit.task(family, case, "Review attendance with the school after the support meeting", ess.ahead(21))


def _improvement_period(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=40)
    kit.meeting(ess, family, case, days_ago=30)
    kit.notice_to_improve(ess, family, case, days_ago=12)


def _attendance_contract(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    kit.meeting(ess, family, case, days_ago=40)
    terms = "The parents will bring the child to the school gate by 8.45 each day; the school will offer a mentor "
    terms += "and a quiet start in the library."
    kit.step(
        family, case, "attendance-contract", {"agreed_on": ess.ago(21), "review_on": ess.ahead(21), "terms": terms}
    )


def _notices_awaiting(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=70)
    kit.notice_to_improve(ess, family, case, days_ago=60)
    for parent in family.parents[:2]:  # one notice to each parent, each £80 within 21 days
        kit.notice(ess, family, case, days_ago=6, parent=parent)


def _notice_paid(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    notice = kit.notice(ess, family, case, days_ago=40, method="first_class_post")
    kit.pay(family, notice, pence=8000, on=notice.received_on + timedelta(days=9))


def _notice_part_paid(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    notice = kit.notice(ess, family, case, days_ago=10)
    kit.pay(family, notice, pence=4000, on=ess.ago(3))


def _notice_unpaid(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    kit.notice(ess, family, case, days_ago=50)  # penalty_notice_sweep raises the officer's task at the end


def _notice_withdrawn(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    notice = kit.notice(ess, family, case, days_ago=35)
    reason = "Medical evidence received after issue shows the absences in the period were illness."
    penalty_notice_withdraw(actor=family.officer, notice=notice, reason=reason, on=ess.ago(25))


def _second_notice(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    first = kit.notice(ess, family, case, days_ago=220)
    kit.pay(family, first, pence=8000, on=first.received_on + timedelta(days=12))
    kit.notice(ess, family, case, days_ago=8)  # the second within three years: £160, no discount


def _third_notice_refused(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=300)
    first = kit.notice(ess, family, case, days_ago=280)
    kit.pay(family, first, pence=8000, on=first.received_on + timedelta(days=5))
    second = kit.notice(ess, family, case, days_ago=100)
    kit.pay(family, second, pence=16000, on=second.received_on + timedelta(days=20))
    possible = next_notice_possible_on(others_issued_on=[first.issued_on, second.issued_on], issue_on=ess.today)
    title = f"Absence again: no third notice before {possible:%-d %B %Y}, so decide on prosecution or an ESO"
    kit.task(family, case, title, ess.ahead(10))


def _supervision_order(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    kit.meeting(ess, family, case, days_ago=90)
    values = {"applied_on": ess.ago(45), "court": kit.FAMILY_COURT, "made_on": ess.ago(10)}
    rationale = "Persistent absence with needs at home that a supervisor can help the family meet; no offence route."
    kit.step(family, case, "eso-application", values, rationale)


def _s437_running(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    values = {"served_on": ess.ago(5), "service_method": "first_class_post"}
    kit.step(
        family, case, "s437-notice", values, "The child has not attended since leaving school; no education shown."
    )


def _attendance_order_amended(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    kit.attendance_orders(ess, family, case, days_ago=75)
    values = {"amended_on": ess.ago(4), "new_school": kit.other_schools(ess, family)[1]}
    kit.step(family, case, "sao-amendment", values, "The parent asked for a place at another school, which has one.")


def _convicted(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=250)
    kit.notice_to_improve(ess, family, case, days_ago=240)
    notice = kit.notice(ess, family, case, days_ago=125, method="first_class_post")
    kit.interview(ess, family, case, days_ago=85)
    kit.witness(ess, family, case, days_ago=80)
    prosecution = prosecution_start(
        actor=family.officer,
        case=case,
        defendant=family.parent,
        offence="s444(1)",
        offence_start=notice.offence_start,
        offence_end=notice.offence_end,
        penalty_notice=notice,
        rationale="The penalty notice was not paid and attendance has not improved; prosecution is in the public "
        "interest and the evidence is complete.",
        decided_on=ess.ago(75),
    )
    prosecution_update(
        actor=family.officer,
        prosecution=prosecution,
        changes={"court": kit.MAGISTRATES, "information_laid_on": ess.ago(60)},
    )
    result = "Guilty plea entered; adjourned for the parent's means to be assessed"
    hearing_add(actor=family.officer, prosecution=prosecution, on=ess.ago(35), kind="First hearing", result=result)
    hearing_add(
        actor=family.officer,
        prosecution=prosecution,
        on=ess.ago(14),
        kind="Sentencing",
        result="Fined £220 with £150 costs",
    )
    outcome = {
        "plea": "guilty",
        "outcome": "convicted",
        "outcome_on": ess.ago(14),
        "sentence": "Fined £220 with £150 costs and an £88 victim surcharge; a parenting order was not made.",
        "fine_pence": 22000,
        "costs_pence": 15000,
    }
    prosecution_update(actor=family.officer, prosecution=prosecution, changes=outcome)


def _prosecution_pending(ess: kit.Ess, family: kit.Family) -> None:
    """Prosecution decided and its evidence bundle made, but the information not yet laid: its s127
    clock warns within 30 days."""
    case = kit.case(ess, family)
    target = add_months(ess.today, -6) + timedelta(days=12)  # the whole period stays in time for about 12 days
    start = next((day for day in ess.school_days if target <= day <= target + timedelta(days=14)), target)
    later = [day for day in ess.school_days if start <= day <= ess.ago(40)]
    end = later[min(49, len(later) - 1)] if later else start  # ten school weeks, as the threshold counts
    notice = kit.notice(ess, family, case, days_ago=(ess.today - end).days - 5, period=(start, end))
    kit.interview(ess, family, case, days_ago=20)
    prosecution = prosecution_start(
        actor=family.officer,
        case=case,
        defendant=family.parent,
        offence="s444(1)",
        offence_start=start,
        offence_end=end,
        penalty_notice=notice,
        rationale="The penalty notice was not paid within 28 days and the parent gave no defence at interview.",
        decided_on=ess.ago(10),
    )
    bundle_build(actor=family.officer, prosecution=prosecution)  # ready to go with the information


def _deleted_missing(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=12)
    values: dict[str, Any] = {"authorised_on": ess.ago(3), "ground": "reg9-cme"}
    values |= {key: True for key, _label in CME_ENQUIRIES}  # every joint reasonable enquiry made
    rationale = "Absent for over 20 school days with whereabouts unknown after the joint enquiries; CME has the case."
    kit.step(family, case, "register-deletion", values, rationale)


def _closed_improved(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family, referred_days_ago=150)
    kit.meeting(ess, family, case, days_ago=140)
    terms = "The family will use the breakfast club every day; the school will call on the first morning of absence."
    kit.step(
        family, case, "attendance-contract", {"agreed_on": ess.ago(130), "review_on": ess.ago(100), "terms": terms}
    )
    kit.close(family, case, "Attendance has been above 95% since the contract review; the school will monitor it.")


def _closed_paid(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    notice = kit.notice(ess, family, case, days_ago=90)
    kit.pay(family, notice, pence=8000, on=notice.received_on + timedelta(days=4))
    kit.close(family, case, "The penalty was paid within 21 days and attendance is above 93% this half term.")


def _closed_order_revoked(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    kit.attendance_orders(ess, family, case, days_ago=160)
    kit.step(
        family, case, "sao-revocation", {"revoked_on": ess.ago(30)}, "The child now attends an independent school."
    )
    kit.close(family, case, "The order is revoked: the child is registered at and attending an independent school.")


def _closed_deleted_elsewhere(ess: kit.Ess, family: kit.Family) -> None:
    case = kit.case(ess, family)
    values = {"authorised_on": ess.ago(20), "ground": "reg9-1a"}
    kit.step(family, case, "register-deletion", values, "Registered at a school in another authority, which confirmed.")
    kit.close(family, case, "The family moved away and the child is registered at a school in their new authority.")


@dataclass(frozen=True)
class _Scenario:
    build: Callable[[kit.Ess, kit.Family], None]
    referred: bool  # by the pupil's school (so at a school with a demo user), else from the worklist
    parents: int = 1
    officer: int = 0  # index into kit.ESS_OFFICERS
    attendance: str = "persistent"


SCENARIOS = [
    _Scenario(_referral_waiting, referred=True),
    _Scenario(_referral_waiting_with_concerns, referred=True),
    _Scenario(_referral_returned, referred=True),
    _Scenario(_referral_redirected, referred=True),
    _Scenario(_accepted, referred=True, officer=1),
    _Scenario(_targeted_support, referred=True),
    _Scenario(_improvement_period, referred=True),
    _Scenario(_notices_awaiting, referred=True, parents=2),
    _Scenario(_convicted, referred=True),
    _Scenario(_deleted_missing, referred=True, attendance="missing"),
    _Scenario(_third_notice_refused, referred=True),
    _Scenario(_closed_improved, referred=True, officer=1),
    _Scenario(_attendance_contract, referred=False, officer=1),
    _Scenario(_notice_paid, referred=False),
    _Scenario(_notice_part_paid, referred=False, officer=1),
    _Scenario(_notice_unpaid, referred=False),
    _Scenario(_notice_withdrawn, referred=False),
    _Scenario(_second_notice, referred=False),
    _Scenario(_supervision_order, referred=False, officer=1),
    _Scenario(_s437_running, referred=False),
    _Scenario(_attendance_order_amended, referred=False),
    _Scenario(_prosecution_pending, referred=False),
    _Scenario(_closed_paid, referred=False, officer=1),
    _Scenario(_closed_order_revoked, referred=False),
    _Scenario(_closed_deleted_elsewhere, referred=False),
]


def enforcement_pupils(schools: list[School], referring: set[int]) -> list[tuple[_Scenario, Person, list[Person]]]:
    """A Dudley demo child (and parents) for each scenario, the same for every seed: referred families at
    schools with a demo school user, worklist families elsewhere if there are enough. With few demo
    children the last scenarios are left out."""
    children = list(
        Person.objects.filter(la_reference__startswith="DEMO-C", school__in=schools).order_by("la_reference")
    )
    parents: dict[int, list[Person]] = {}
    for link in Relationship.objects.filter(child__in=children, parental_responsibility=True).select_related("person"):
        parents.setdefault(link.child_id, []).append(link.person)
    chosen: list[tuple[_Scenario, Person, list[Person]]] = []
    used: set[int] = set()
    for scenario in SCENARIOS:
        fits = [
            child
            for child in children
            if child.pk not in used
            and len(parents.get(child.pk, [])) >= scenario.parents
            and (child.school_id in referring) == scenario.referred
        ]
        if not fits and not scenario.referred:
            fits = [c for c in children if c.pk not in used and len(parents.get(c.pk, [])) >= scenario.parents]
        if fits:
            used.add(fits[0].pk)
            family = sorted(parents[fits[0].pk], key=lambda person: person.la_reference or "")
            chosen.append((scenario, fits[0], family))
    return chosen


def _ess_world(rng: random.Random, fake: Faker, schools: list[School]) -> kit.Ess:
    controller = Controller.objects.get(slug=kit.ESS_CONTROLLER)
    users = {user.username: user for user in User.objects.filter(controller=controller)}
    year = academic_year_of(timezone.localdate() - timedelta(days=1))
    return kit.Ess(
        today=timezone.localdate(),
        controller=controller,
        team=Team.objects.get(controller=controller, slug=kit.ESS_TEAM),
        officers=[users[name] for name in kit.ESS_OFFICERS],
        manager=users[kit.ESS_MANAGER],
        school_users={user.school_id: user for user in users.values() if user.school_id is not None},
        schools=schools,
        school_days=school_days_to_yesterday(schools[0], [year - 1, year]),
        rng=rng,
        fake=fake,
    )


def enforcement_build(
    rng: random.Random, fake: Faker, schools: list[School], chosen: list[tuple[_Scenario, Person, list[Person]]]
) -> tuple[int, int]:
    """Build each chosen family's scenario, then raise the tasks the daily penalty notice sweep would."""
    ess = _ess_world(rng, fake, schools)
    for scenario, child, parents in chosen:
        scenario.build(ess, kit.Family(child, parents, ess.officers[scenario.officer]))
    penalty_notice_sweep(today=ess.today)
    demo_children = [child.pk for _s, child, _p in chosen]
    cases = Case.objects.filter(service=kit.ESS_SERVICE, child__in=demo_children).count()
    return Referral.objects.filter(child__in=demo_children).count(), cases
