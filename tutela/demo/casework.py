"""Cases with consents and records for most demo children, in the service of their school's controller:
Wigan's Engagement Centres and TESS, Werneth School's SEN and safeguarding and Dudley's Education
Support Service (whose enforcement families are built in ``ess_scenarios`` instead)."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from tutela.accounts.models import Controller, Team, User
from tutela.casework.kit import kit_for
from tutela.casework.models import Case
from tutela.casework.services import case_open
from tutela.consent.services import consent_give
from tutela.demo.world import CONTROLLERS
from tutela.people.models import Person, Relationship
from tutela.records.models import Record
from tutela.records.services import record_create
from tutela.register.api import register

CASEWORK = {
    "wigan": [
        ("engagement-centres", "engagement-centres", ["wigan-caseworker"]),
        ("targeted-education-support", "tess", ["wigan-tess-caseworker"]),
    ],
    "dudley": [("education-support", "education-support-service", ["dudley-caseworker", "dudley-caseworker2"])],
    "werneth-school": [("sen-safeguarding", "safeguarding", ["werneth-school-dsl"])],
}
_EVENTS = [
    ("Referral received from school", "The school referred the family after a fall in attendance this term."),
    ("Home visit", "Visited the family at home; the parent was welcoming and agreed a plan."),
    ("Meeting with school staff", "Met the head of year and attendance officer to review progress."),
    ("Telephone call with parent", "Parent called to say the child has been unwell this week."),
    ("Attendance review", "Attendance has risen since the last review; plan continues."),
]
_DEMO_KINDS = ["file_note", "contact", "meeting_note"]
_CONTROLLER_BY_LA = {la: slug for slug, _n, _k, la, _t in CONTROLLERS}
_SENSITIVE = [
    ("Medical needs", "Has asthma; carries an inhaler. School nurse aware."),
    ("Health information from GP", "GP letter confirms anxiety; referral to CAMHS made."),
]


def _purpose_with(service: Any, *, sensitive: bool) -> tuple[str, list[str]] | None:
    """A purpose of the service and categories it may touch, from the register (never typed in here)."""
    taxonomy = {category.key: category for category in register().taxonomy.categories}
    for purpose in service.purposes:
        if purpose.retired or purpose.lawful_basis == "consent" or "child" not in purpose.data_subjects:
            continue
        plain = [key for key in purpose.categories if not taxonomy[key].special and not taxonomy[key].criminal]
        special = [key for key in purpose.categories if taxonomy[key].special]
        if sensitive and special and purpose.special_condition is not None:
            return purpose.key, special[:1]
        if not sensitive and len(plain) >= 2:
            return purpose.key, plain[:2]
    return None


@dataclass(frozen=True)
class _DemoCase:
    """One demo case and what its consent and records are made with."""

    case: Case
    slug: str  # the controller's
    worker: User
    opened: date
    index: int  # the child's place among the demo children, for the paper consent form's number


def _open(
    rng: random.Random, controllers: dict[str, Controller], users: dict[str, User], index: int, child: Person
) -> _DemoCase:
    assert child.school is not None  # noqa: S101 -- only children at a school are given a case
    slug = _CONTROLLER_BY_LA[child.school.la_code]
    service_key, team_slug, workers = CASEWORK[slug][index % len(CASEWORK[slug])]
    controller = controllers[slug]
    worker = users[workers[index % len(workers)]]
    opened = timezone.localdate() - timedelta(days=rng.randint(20, 400))
    case = case_open(
        actor=worker,
        controller=controller,
        service=service_key,
        child=child,
        team=Team.objects.get(controller=controller, slug=team_slug),
        family=[link.person for link in Relationship.objects.filter(child=child, parental_responsibility=True)],
        allocated_worker=worker,
        opened_at=timezone.make_aware(datetime.combine(opened, time(9, 30))),
        stage=kit_for(service_key).stages[0].key,  # an older case, opened before the service's steps
    )
    return _DemoCase(case, slug, worker, opened, index)


def _consent(demo: _DemoCase) -> None:
    """The parent's consent to the service's first consent-based purpose, where a parent decides it."""
    case = demo.case
    parent = (
        Relationship.objects.filter(child=case.child, parental_responsibility=True).select_related("person").first()
    )
    for consent_purpose in register().consent_purposes(demo.slug, case.service)[:1]:
        if (
            parent is not None
            and consent_purpose.consent
            and consent_purpose.consent.young_person_decides_from_age is None
        ):
            consent_give(
                actor=demo.worker,
                subject=case.child,
                given_by=parent.person,
                controller=case.controller,
                service=case.service,
                purposes=[consent_purpose.key],
                form_reference=f"DEMO-FORM-{demo.index + 1}",
                given_on=demo.opened,
            )


def _records(rng: random.Random, demo: _DemoCase) -> int:
    """Two to five records on the case, the first sometimes of health, through the gate."""
    case = demo.case
    service = register().service(demo.slug, case.service)
    made = 0
    for number in range(rng.randint(2, 5)):
        sensitive = number == 0 and rng.random() < 0.4
        chosen = _purpose_with(service, sensitive=sensitive) or _purpose_with(service, sensitive=False)
        if chosen is None:
            continue
        purpose, categories = chosen
        title, body = rng.choice(_SENSITIVE if sensitive else _EVENTS)
        record_create(
            actor=demo.worker,
            subject=case.child,
            controller=case.controller,
            service=case.service,
            purpose=purpose,
            categories=categories,
            kind=rng.choice(_DEMO_KINDS),
            title=title,
            body=body,
            occurred_on=min(timezone.localdate(), demo.opened + timedelta(days=7 * number + 1)),
            source=rng.choice([Record.Source.OFFICER, Record.Source.SCHOOL, Record.Source.PARENT]),
            case=case,
        )
        made += 1
    return made


def casework_build(rng: random.Random, controllers: dict[str, Controller], *, skip: set[int]) -> tuple[int, int]:
    """A case for most demo children, with records made through the real services (so, the gate).

    Children in ``skip`` have enforcement cases of their own instead.
    """
    names = [name for options in CASEWORK.values() for _s, _t, workers in options for name in workers]
    users = {user.username: user for user in User.objects.filter(username__in=names)}
    cases = records = 0
    children = (
        Person.objects.filter(la_reference__startswith="DEMO-C").select_related("school").order_by("la_reference")
    )
    for index, child in enumerate(children):
        if child.school is None or rng.random() < 0.25 or child.pk in skip:  # not every child has a case
            continue
        demo = _open(rng, controllers, users, index, child)
        cases += 1
        _consent(demo)
        records += _records(rng, demo)
    return cases, records
