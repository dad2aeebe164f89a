"""Performs the services' demo scenarios (``kit_script``) through the casework kit's services.

Every referral, triage, step, task, consent withdrawal, objection and closure goes through the
service a worker's page calls, so the demo's data passed the gate, the stage rules and the audit log
as real data would. Nothing here writes a row itself.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from django.utils import timezone

from tutela.accounts.models import Controller, Team, User
from tutela.casework.categories import PARENT_ADDRESS
from tutela.casework.intake import CONSENT_EVIDENCE, CONSENT_GIVEN_BY, referral_submit
from tutela.casework.kit import ServiceKit, kit_for
from tutela.casework.models import Case, Referral
from tutela.casework.services import case_close, task_add
from tutela.casework.steps import step_record
from tutela.casework.triage import referral_accept, referral_return
from tutela.consent.models import Consent, Objection
from tutela.consent.services import consent_withdraw, objection_decide, objection_raise
from tutela.demo import engagement_scenarios, pupil_data_scenarios, safeguarding_scenarios, targeted_scenarios
from tutela.demo.kit_script import (
    SCHOOL_USER,
    Accept,
    Action,
    Answer,
    Close,
    Object,
    Record,
    Refer,
    Return,
    Scenario,
    Task,
    Withdraw,
    on_a_weekday,
    resolve,
)
from tutela.lib.dates import age_on
from tutela.people.models import Person, Relationship, School
from tutela.register.api import register


@dataclass(frozen=True)
class ServiceDemo:
    """One service's scenarios, where they happen and who triages them."""

    controller: str
    team: str
    module: ModuleType  # its SERVICE and SCENARIOS

    @property
    def service(self) -> str:
        return str(self.module.SERVICE)

    @property
    def scenarios(self) -> Sequence[Scenario]:
        return tuple(self.module.SCENARIOS)


SERVICE_DEMOS = (
    ServiceDemo("wigan", "engagement-centres", engagement_scenarios),
    ServiceDemo("wigan", "tess", targeted_scenarios),
    ServiceDemo("wigan", "education-data", pupil_data_scenarios),
    ServiceDemo("werneth-school", "safeguarding", safeguarding_scenarios),
)


@dataclass
class _Family:
    """A scenario's child and parents, and what the scenario has made so far."""

    child: Person
    parents: list[Person]
    referral: Referral | None = None
    case: Case | None = None
    objection: Objection | None = None

    @property
    def parent(self) -> Person:
        return self.parents[0]


@dataclass(frozen=True)
class _Run:
    """What every action of one service's scenarios needs."""

    kit: ServiceKit
    controller: Controller
    team: Team
    users: Mapping[str, User]
    school_users: Mapping[int, User]  # by school id
    today: date
    names: dict[str, str] = field(default_factory=dict)

    def user(self, username: str, family: _Family) -> User:
        if username == SCHOOL_USER:
            assert family.child.school_id is not None  # noqa: S101 -- chosen at a school with a demo user
            return self.school_users[family.child.school_id]
        return self.users[username]

    def text(self, value: str) -> str:
        return str(resolve(value, today=self.today, names=self.names))

    def answers(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {key: resolve(value, today=self.today, names=self.names) for key, value in answers.items()}


def _referral(family: _Family) -> Referral:
    assert family.referral is not None  # noqa: S101 -- kit_script's check: triage follows a referral
    return family.referral


def _case(family: _Family) -> Case:
    assert family.case is not None  # noqa: S101 -- kit_script's check: these actions follow an acceptance
    return family.case


def _refer(run: _Run, family: _Family, action: Refer) -> None:
    form = run.kit.intake_form(action.form)
    answers = run.answers(action.answers)
    if form.consent_purpose:  # the parent's signed agreement comes with the referral
        answers[CONSENT_GIVEN_BY] = str(family.parent.pk)
        answers[CONSENT_EVIDENCE] = f"Signed form held by {family.child.school or 'the service'}"
    family.referral = referral_submit(
        actor=run.user(action.by, family),
        service=run.kit.service,
        form=form.key,
        child=family.child,
        family=family.parents if form.family != "none" else [],
        answers=answers,
        as_of=on_a_weekday(date.fromordinal(run.today.toordinal() - action.days_ago)),
    )


def _next_working_day(day: date, today: date) -> date:
    """The service triages a referral the next working day (today at the latest)."""
    following = day + timedelta(days=1)
    while following.weekday() > 4:
        following += timedelta(days=1)
    return min(following, today)


def _triage(run: _Run, family: _Family, action: Accept | Return) -> None:
    actor = run.user(action.by, family)
    if isinstance(action, Accept):
        family.case = referral_accept(
            actor=actor,
            referral=_referral(family),
            team=run.team,
            allocate_to=run.user(action.worker, family),
            note=run.text(action.note),
            accepted_on=_next_working_day(timezone.localdate(_referral(family).submitted_at), run.today),
        )
        return
    referral_return(
        actor=actor, referral=_referral(family), reason=run.text(action.reason), redirect_to=action.redirect_to
    )


def _withdraw(run: _Run, family: _Family, action: Withdraw) -> None:
    case = _case(family)
    consent = Consent.objects.filter(subject=family.child, service=run.kit.service, withdrawn_on__isnull=True).first()
    assert consent is not None  # noqa: S101 -- kit_script's check: the referral carried one
    assert case.allocated_worker is not None  # noqa: S101 -- allocated on acceptance
    consent_withdraw(
        actor=run.user(action.by, family) if action.by else case.allocated_worker,
        consent=consent,
        withdrawn_by=family.parent,
        withdrawn_on=on_a_weekday(date.fromordinal(run.today.toordinal() - action.days_ago)),
        note=run.text(action.note),
    )


def _object(run: _Run, family: _Family, action: Object | Answer) -> None:
    case = _case(family)
    if isinstance(action, Object):
        assert case.allocated_worker is not None  # noqa: S101 -- allocated on acceptance
        family.objection = objection_raise(
            actor=case.allocated_worker,
            subject=family.child,
            raised_by=family.parent,
            controller=run.controller,
            service=run.kit.service,
            purpose=action.purpose,
            grounds=run.text(action.grounds),
        )
        return
    assert family.objection is not None  # noqa: S101 -- kit_script's check: an objection was raised
    objection_decide(
        actor=run.user(action.by, family),
        objection=family.objection,
        upheld=action.upheld,
        rationale=run.text(action.rationale),
    )


def _record(run: _Run, family: _Family, action: Record) -> None:
    """A step of the kit; a letter it sends to the family is addressed to the first parent on the case."""
    case = _case(family)
    step = run.kit.step(action.step)
    to_family = step.letter and PARENT_ADDRESS in run.kit.letter(step.letter).categories
    answers = run.answers(action.answers) | ({"rationale": run.text(action.rationale)} if action.rationale else {})
    assert case.allocated_worker is not None  # noqa: S101 -- allocated on acceptance
    step_record(
        actor=case.allocated_worker,
        case=case,
        step_key=step.key,
        answers=answers,
        concerning=family.parent if to_family and case.family.filter(pk=family.parent.pk).exists() else None,
    )


def _act(run: _Run, family: _Family, action: Action) -> None:
    if isinstance(action, Refer):
        _refer(run, family, action)
    elif isinstance(action, Accept | Return):
        _triage(run, family, action)
    elif isinstance(action, Record):
        _record(run, family, action)
    elif isinstance(action, Task):
        task_add(
            actor=_case(family).allocated_worker,
            case=_case(family),
            title=run.text(action.title),
            due_on=date.fromordinal(run.today.toordinal() + action.due_in),
        )
    elif isinstance(action, Withdraw):
        _withdraw(run, family, action)
    elif isinstance(action, Object | Answer):
        _object(run, family, action)
    elif isinstance(action, Close):
        case = _case(family)
        assert case.allocated_worker is not None  # noqa: S101 -- allocated on acceptance
        case_close(actor=case.allocated_worker, case=case, reason=run.text(action.reason))


Chosen = list[tuple[ServiceDemo, Scenario, Person, list[Person]]]


def _fits(scenario: Scenario, child: Person, parents: int, referring: set[int], today: date) -> bool:
    return (
        parents >= scenario.parents
        and (child.school_id in referring) == scenario.at_referring_school
        and (
            scenario.min_age == 0
            or (child.date_of_birth is not None and age_on(child.date_of_birth, today) >= scenario.min_age)
        )
    )


def service_pupils(*, schools: dict[str, list[School]], referring: set[int], taken: set[int]) -> Chosen:
    """A demo child (and parents) for each service's scenarios, the same for every seed: children of
    the service's controller's schools, at a school with a demo school user where a school refers
    them, and not ``taken`` by another service's demo. With few demo children the last are left out."""
    today = timezone.localdate()
    chosen: Chosen = []
    used = set(taken)
    for demo in SERVICE_DEMOS:
        children = list(
            Person.objects.filter(la_reference__startswith="DEMO-C", school__in=schools[demo.controller])
            .exclude(date_of_birth__isnull=True)
            .order_by("la_reference")
        )
        parents: dict[int, list[Person]] = {}
        links = Relationship.objects.filter(child__in=children, parental_responsibility=True).select_related("person")
        for link in links.order_by("person__la_reference"):
            parents.setdefault(link.child_id, []).append(link.person)
        for scenario in demo.scenarios:
            fit = next(
                (
                    c
                    for c in children
                    if c.pk not in used and _fits(scenario, c, len(parents.get(c.pk, [])), referring, today)
                ),
                None,
            )
            if fit is not None:
                used.add(fit.pk)
                chosen.append((demo, scenario, fit, parents[fit.pk]))
    return chosen


def services_build(*, chosen: Chosen) -> dict[str, tuple[int, int]]:
    """Perform each chosen scenario; for each service (by name), how many referrals and cases its demo children have."""
    today = timezone.localdate()
    school_users = {u.school_id: u for u in User.objects.filter(school__isnull=False) if u.school_id is not None}
    users = {user.username: user for user in User.objects.filter(controller__isnull=False)}
    for demo, scenario, child, parents in chosen:
        controller = Controller.objects.get(slug=demo.controller)
        family = _Family(child, parents)
        school = child.school.name if child.school else "school"
        run = _Run(
            kit=kit_for(demo.service),
            controller=controller,
            team=Team.objects.get(controller=controller, slug=demo.team),
            users=users,
            school_users=school_users,
            today=today,
            names={"child": child.given_name, "parent": family.parent.given_name, "school": school},
        )
        for action in scenario.actions:
            _act(run, family, action)
    counts = {}
    for demo in SERVICE_DEMOS:
        children = [child.pk for d, _s, child, _p in chosen if d is demo]
        referrals = Referral.objects.filter(service=demo.service, child__in=children).count()
        name = register().service(demo.controller, demo.service).name  # shown to the reader: the register's name
        counts[name] = (referrals, Case.objects.filter(service=demo.service, child__in=children).count())
    return counts
