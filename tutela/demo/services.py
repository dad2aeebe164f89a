"""Builds a synthetic, reproducible demo world: controllers, teams, users, schools, families and their
casework, with Dudley's Education Support Service holding a family at every stage of attendance enforcement.

Nothing here is a real person: names come from Faker's generator, identifiers are made up
(UPNs carry valid check letters but sit in an unused serial range of invented schools, and URNs
start at 990000, above any real school's). The same seed and size always give the same world,
and running it again updates that world in place rather than adding to it.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from faker import Faker

from tutela.attendance.packing import academic_year_of
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.casework.services import case_close, case_open, task_add
from tutela.enforcement.bundle import bundle_build
from tutela.enforcement.models import PenaltyNotice, Referral, StepEntry
from tutela.enforcement.rules import next_notice_possible_on
from tutela.enforcement.services import (
    ReferralDetails,
    hearing_add,
    penalty_notice_issue,
    penalty_notice_sweep,
    penalty_notice_withdraw,
    penalty_payment_record,
    prosecution_start,
    prosecution_update,
    referral_accept,
    referral_return,
    referral_submit,
    step_record,
)
from tutela.enforcement.stages import CME_ENQUIRIES, STEPS_BY_KEY
from tutela.governance.models import Controller, Role, Team, User
from tutela.lib.dates import add_months
from tutela.lib.identifiers import upn_build
from tutela.people.models import Person, Relationship, School

DEMO_PASSWORD = "tutela-demo-2026"  # noqa: S105 -- printed for the demo; demo users only

# slug, name, kind, LA code (for schools' UPNs), teams as (slug, name, register service)
CONTROLLERS = [
    (
        "wigan",
        "Wigan Council",
        Controller.Kind.LOCAL_AUTHORITY,
        "359",
        [
            ("engagement-centres", "Engagement Centres", "engagement-centres"),
            ("tess", "Targeted Education Support Service", "targeted-education-support"),
            ("education-data", "Education Data and Statistics", "pupil-data"),
            ("information-governance", "Information Governance", ""),
        ],
    ),
    (
        "dudley",
        "Dudley Metropolitan Borough Council",
        Controller.Kind.LOCAL_AUTHORITY,
        "332",
        [
            ("education-support-service", "Education Support Service", "education-support"),
            ("information-governance", "Information Governance", ""),
        ],
    ),
    (
        "werneth-school",
        "Werneth School",
        Controller.Kind.SCHOOL,
        "356",
        [("safeguarding", "Safeguarding and SEN", "sen-safeguarding")],
    ),
]

# controller slug -> (username suffix, role code, team slug or "")
USERS = {
    "wigan": [
        ("caseworker", "caseworker", "engagement-centres"),
        ("tess-caseworker", "caseworker", "tess"),
        ("manager", "team-manager", "engagement-centres"),
        ("analyst", "analyst", "education-data"),
        ("ig", "ig-officer", "information-governance"),
        ("dpo", "dpo", "information-governance"),
        ("school", "school-user", ""),
        ("admin", "administrator", ""),
    ],
    "dudley": [
        ("caseworker", "caseworker", "education-support-service"),
        ("caseworker2", "caseworker", "education-support-service"),
        ("manager", "team-manager", "education-support-service"),
        ("ig", "ig-officer", "information-governance"),
        ("dpo", "dpo", "information-governance"),
        ("school", "school-user", ""),
        ("school-dsl", "school-user", ""),
    ],
    "werneth-school": [
        ("dsl", "safeguarding-lead", "safeguarding"),
        ("pastoral", "pastoral-staff", "safeguarding"),
        ("head", "headteacher", "safeguarding"),
    ],
}

_SCHOOL_STEMS = ["Oakfield", "Millbrook", "Hawthorn", "Kingsway", "Riverside", "Ashgrove", "Beechwood", "Fernhill"]
_SCHOOLS_PER_LA = {"wigan": 6, "dudley": 4}
# A school user works at their LA's first demo school unless named here (username -> index of the school).
_USER_SCHOOL = {"dudley-school-dsl": 1}


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    controller: str
    role: str


@dataclass(frozen=True)
class DemoSummary:
    users: list[DemoUser]
    schools: int
    children: int
    parents: int
    cases: int = 0
    records: int = 0
    referrals: int = 0
    enforcement_cases: int = 0


# controller slug -> (service, owning team, allocated workers) for demo cases; by the child's school's LA
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
_SENSITIVE = [
    ("Medical needs", "Has asthma; carries an inhaler. School nurse aware."),
    ("Health information from GP", "GP letter confirms anxiety; referral to CAMHS made."),
]


def _controllers_and_teams() -> dict[str, Controller]:
    controllers = {}
    for slug, name, kind, la_code, teams in CONTROLLERS:
        la = la_code if kind == Controller.Kind.LOCAL_AUTHORITY else ""
        controller, _ = Controller.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "la_code": la}
        )
        for team_slug, team_name, service in teams:
            Team.objects.update_or_create(
                controller=controller, slug=team_slug, defaults={"name": team_name, "service": service}
            )
        controllers[slug] = controller
    return controllers


def _schools(rng: random.Random) -> dict[str, list[School]]:
    schools: dict[str, list[School]] = {}
    urn = 990000
    for slug, _name, kind, la_code, _teams in CONTROLLERS:
        count = _SCHOOLS_PER_LA.get(slug, 0) if kind == Controller.Kind.LOCAL_AUTHORITY else 1
        stems = rng.sample(_SCHOOL_STEMS, k=count)
        schools[slug] = []
        for index, stem in enumerate(stems):
            urn += 1
            phase = School.Phase.PRIMARY if index % 2 == 0 else School.Phase.SECONDARY
            if kind == Controller.Kind.SCHOOL:
                stem, phase = "Werneth", School.Phase.SECONDARY
            label = "Primary School" if phase == School.Phase.PRIMARY else "High School"
            school, _ = School.objects.update_or_create(
                urn=str(urn),
                defaults={
                    "name": f"{stem} {label}",
                    "la_code": la_code,
                    "establishment_number": f"{(2000 if phase == School.Phase.PRIMARY else 4000) + index:04d}",
                    "phase": phase,
                    "kind": rng.choice([School.Kind.MAINTAINED, School.Kind.ACADEMY]),
                },
            )
            schools[slug].append(school)
    return schools


def _users(controllers: dict[str, Controller], schools: dict[str, list[School]], fake: Faker) -> list[DemoUser]:
    roles = {role.code: role for role in Role.objects.all()}
    # One hash for all demo users: password hashing is slow by design, and they share a password.
    password_hash = make_password(DEMO_PASSWORD)
    made = []
    for controller_slug, specs in USERS.items():
        controller = controllers[controller_slug]
        for suffix, role_code, team_slug in specs:
            username = f"{controller_slug}-{suffix}"
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": fake.first_name(),
                    "last_name": fake.last_name(),
                    "email": f"{username}@example.org",
                    "controller": controller,
                    "school": (
                        schools[controller_slug][_USER_SCHOOL.get(username, 0)] if role_code == "school-user" else None
                    ),
                    "is_staff": role_code == "administrator",
                    "password": password_hash,
                },
            )
            user.roles.set([roles[role_code]])
            user.teams.set(Team.objects.filter(controller=controller, slug=team_slug) if team_slug else [])
            made.append(DemoUser(username, user.get_full_name(), controller.name, roles[role_code].name))
    return made


def _academic_year_start() -> date:
    """1 September of the current school year: ages are reckoned from it, so the same seed gives
    the same people all year."""
    today = timezone.localdate()
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _date_of_birth(rng: random.Random, anchor: date) -> date:
    # Pupils of compulsory school age and a little beyond: 5 to 17 at the start of the school year.
    return anchor - timedelta(days=rng.randint(5 * 365, 17 * 365))


def _families(
    rng: random.Random, fake: Faker, schools: dict[str, list[School]], count: int, progress: Callable[[int], None]
) -> tuple[int, int]:
    la_schools = [school for slug in _SCHOOLS_PER_LA for school in schools[slug]] + schools["werneth-school"]
    serials: dict[tuple[str, int], int] = {}
    anchor = _academic_year_start()
    children, parents, links = [], [], []
    for index in range(count):
        school = la_schools[index % len(la_schools)]
        born = _date_of_birth(rng, anchor)
        year = born.year + 4  # UPNs are issued on first entry to school
        serial = serials[(school.urn, year)] = serials.get((school.urn, year), 0) + 1
        if serial > 999:  # a UPN's serial has three digits
            raise ValueError(f"too many demo children for {school.name} in {year}: ask for fewer children")
        family_name = fake.last_name()
        gender = rng.choice([Person.Gender.FEMALE, Person.Gender.MALE])
        address = fake.address().replace("\n", ", ")
        child_ref = f"DEMO-C{index + 1:06d}"
        children.append(
            Person(
                kind=Person.Kind.CHILD,
                la_reference=child_ref,
                given_name=fake.first_name_female() if gender == Person.Gender.FEMALE else fake.first_name_male(),
                family_name=family_name,
                date_of_birth=born,
                gender=gender,
                upn=upn_build(
                    la_code=school.la_code, establishment=school.establishment_number, year=year, serial=serial
                ),
                school=school,
                address=address,
            )
        )
        for number, kind in enumerate([Relationship.Kind.MOTHER, Relationship.Kind.FATHER][: rng.choice([1, 2, 2])]):
            parent_ref = f"DEMO-P{index + 1:06d}-{number + 1}"
            female = kind == Relationship.Kind.MOTHER
            parents.append(
                Person(
                    kind=Person.Kind.PARENT,
                    la_reference=parent_ref,
                    given_name=fake.first_name_female() if female else fake.first_name_male(),
                    family_name=family_name,
                    date_of_birth=born - timedelta(days=rng.randint(20 * 365, 45 * 365)),
                    gender=Person.Gender.FEMALE if female else Person.Gender.MALE,
                    address=address,
                    phone=f"07700 900{rng.randint(0, 999):03d}",  # Ofcom's range for drama and fiction
                    email=f"{parent_ref.lower()}@example.com",
                )
            )
            links.append((parent_ref, child_ref, kind))
        if (index + 1) % 500 == 0:
            progress(index + 1)
    _replace_demo_people(children + parents)
    ids = dict(Person.objects.filter(la_reference__startswith="DEMO-").values_list("la_reference", "id"))
    Relationship.objects.bulk_create(
        [
            Relationship(person_id=ids[parent], child_id=ids[child], kind=kind, parental_responsibility=True)
            for parent, child, kind in links
        ],
        ignore_conflicts=True,
    )
    return len(children), len(parents)


def _replace_demo_people(people: list[Person]) -> None:
    """Make the demo people exactly these: drop any others from earlier runs, then upsert.

    UPNs are cleared first, because a refreshed person may take a UPN another held before.
    """
    references = {person.la_reference for person in people}
    demo = Person.objects.filter(la_reference__startswith="DEMO-")
    demo.exclude(la_reference__in=references).delete()
    demo.update(upn=None)
    fields = [
        "kind",
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "upn",
        "school",
        "address",
        "phone",
        "email",
    ]
    Person.objects.bulk_create(
        people, batch_size=1000, update_conflicts=True, unique_fields=["la_reference"], update_fields=fields
    )


def _clear_demo_casework() -> None:
    """Remove the casework of earlier demo runs, so a run rebuilds it from its seed alone.

    A demo case is one about a demo child: enforcement cases carry the service's own references.
    """
    from tutela.casework.models import CaseFlag
    from tutela.consent.models import Consent
    from tutela.records.models import Document, Record

    demo = {"subject__la_reference__startswith": "DEMO-"}
    cases = Case.objects.filter(Q(reference__startswith="DEMO-") | Q(child__la_reference__startswith="DEMO-"))
    _clear_demo_enforcement(cases)
    Consent.objects.filter(**demo).delete()
    documents = Document.objects.filter(record__subject__la_reference__startswith="DEMO-")
    _unlink_after_commit(list(documents.values_list("storage_name", flat=True)))
    documents.delete()
    Record.objects.filter(**demo).delete()
    CaseFlag.objects.filter(case__in=cases).delete()
    cases.delete()


def _clear_demo_enforcement(cases: "QuerySet[Case]") -> None:
    """Enforcement rows protect their cases, records and people, so they go first, leaves before roots."""
    from tutela.enforcement import models as enforcement

    enforcement.BundleDisclosure.objects.filter(bundle__prosecution__case__in=cases).delete()
    enforcement.EvidenceBundle.objects.filter(prosecution__case__in=cases).delete()
    enforcement.Prosecution.objects.filter(case__in=cases).delete()
    enforcement.PenaltyPayment.objects.filter(notice__case__in=cases).delete()
    enforcement.PenaltyNotice.objects.filter(case__in=cases).delete()
    enforcement.StepEntry.objects.filter(case__in=cases).delete()
    enforcement.LegalDecision.objects.filter(case__in=cases).delete()
    enforcement.Referral.objects.filter(child__la_reference__startswith="DEMO-").delete()
    # The demo rebuilds its reference series from the start (a real system never reuses a number);
    # only series no surviving row uses are reset.
    from tutela.casework.models import ReferenceCounter

    surviving = [
        *Case.objects.exclude(pk__in=cases.values("pk")).values_list("reference", flat=True),
        *enforcement.Referral.objects.values_list("reference", flat=True),
        *enforcement.PenaltyNotice.objects.exclude(case__in=cases).values_list("reference", flat=True),
    ]
    for counter in ReferenceCounter.objects.all():
        if not any(reference.startswith(counter.prefix) for reference in surviving):
            counter.delete()


def _unlink_after_commit(storage_names: list[str]) -> None:
    """Delete demo documents' files once their rows are gone for good (never if the run rolls back)."""
    from django.conf import settings

    def unlink() -> None:
        for name in storage_names:
            (settings.DOCUMENT_STORE_DIR / name).unlink(missing_ok=True)

    transaction.on_commit(unlink)


def _purpose_with(service: Any, *, sensitive: bool) -> tuple[str, list[str]] | None:
    """A purpose of the service and categories it may touch, from the register (never typed in here)."""
    from tutela.register.api import register

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


def _casework(rng: random.Random, controllers: dict[str, Controller], *, skip: set[int]) -> tuple[int, int]:
    """A case for most demo children, with records made through the real services (so, the gate).

    Children in ``skip`` have enforcement cases of their own instead.
    """
    from tutela.casework.models import Case
    from tutela.consent.services import consent_give
    from tutela.people.models import Relationship as Rel
    from tutela.records.models import Record
    from tutela.records.services import record_create
    from tutela.register.api import register

    users = {
        user.username: user
        for user in User.objects.filter(
            username__in=[name for options in CASEWORK.values() for _s, _t, names in options for name in names]
        )
    }
    la_of_school = {slug: la for slug, _n, _k, la, _t in CONTROLLERS}
    controller_by_la = {la: slug for slug, la in la_of_school.items()}
    today = timezone.localdate()
    cases = records = 0
    children = (
        Person.objects.filter(la_reference__startswith="DEMO-C").select_related("school").order_by("la_reference")
    )
    for index, child in enumerate(children):
        if child.school is None or rng.random() < 0.25 or child.pk in skip:  # not every child has a case
            continue
        slug = controller_by_la[child.school.la_code]
        service_key, team_slug, workers = CASEWORK[slug][index % len(CASEWORK[slug])]
        controller = controllers[slug]
        worker = users[workers[index % len(workers)]]
        opened = today - timedelta(days=rng.randint(20, 400))
        case = Case.objects.create(
            reference=f"DEMO-{service_key[:3].upper()}-{index + 1:05d}",
            controller=controller,
            service=service_key,
            child=child,
            owning_team=Team.objects.get(controller=controller, slug=team_slug),
            allocated_worker=worker,
            opened_at=timezone.make_aware(datetime.combine(opened, time(9, 30))),
            opened_by=worker,
        )
        cases += 1
        service = register().service(slug, service_key)
        parent = Rel.objects.filter(child=child, parental_responsibility=True).select_related("person").first()
        for consent_purpose in register().consent_purposes(slug, service_key)[:1]:
            if (
                parent is not None
                and consent_purpose.consent
                and consent_purpose.consent.young_person_decides_from_age is None
            ):
                consent_give(
                    actor=worker,
                    subject=child,
                    given_by=parent.person,
                    controller=controller,
                    service=service_key,
                    purposes=[consent_purpose.key],
                    form_reference=f"DEMO-FORM-{index + 1}",
                    given_on=opened,
                )
        for number in range(rng.randint(2, 5)):
            sensitive = number == 0 and rng.random() < 0.4
            chosen = _purpose_with(service, sensitive=sensitive) or _purpose_with(service, sensitive=False)
            if chosen is None:
                continue
            purpose, categories = chosen
            title, body = rng.choice(_SENSITIVE if sensitive else _EVENTS)
            record_create(
                actor=worker,
                subject=child,
                controller=controller,
                service=service_key,
                purpose=purpose,
                categories=categories,
                kind=rng.choice(_DEMO_KINDS),
                title=title,
                body=body,
                occurred_on=min(today, opened + timedelta(days=7 * number + 1)),
                source=rng.choice([Record.Source.OFFICER, Record.Source.SCHOOL, Record.Source.PARENT]),
                case=case,
            )
            records += 1
    return cases, records


def _week_containing(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=4)


def _demo_calendars(academic_year: int) -> None:
    """A typical English school year for each demo LA: three terms, three half terms, an INSET day."""
    from tutela.attendance.models import CalendarPeriod, SchoolCalendar

    y = academic_year
    terms = [
        (date(y, 9, 1), date(y, 12, 18)),
        (date(y + 1, 1, 5), date(y + 1, 3, 26)),
        (date(y + 1, 4, 12), date(y + 1, 7, 21)),
    ]
    breaks = [
        _week_containing(date(y, 10, 28)),
        _week_containing(date(y + 1, 2, 17)),
        _week_containing(date(y + 1, 5, 28)),
    ]
    for _slug, _name, _kind, la_code, _teams in CONTROLLERS:
        calendar, _ = SchoolCalendar.objects.get_or_create(school=None, la_code=la_code, academic_year=y)
        calendar.periods.all().delete()
        CalendarPeriod.objects.bulk_create(
            [CalendarPeriod(calendar=calendar, kind="term", starts_on=a, ends_on=b) for a, b in terms]
            + [
                CalendarPeriod(calendar=calendar, kind="closure", starts_on=a, ends_on=b, name="Half term")
                for a, b in breaks
            ]
            + [CalendarPeriod(calendar=calendar, kind="inset", starts_on=date(y, 9, 1), ends_on=date(y, 9, 1))]
        )


def _school_days_to_yesterday(school: School, years: list[int]) -> list[date]:
    from tutela.attendance.calendars import calendar_for, school_days

    yesterday = timezone.localdate() - timedelta(days=1)
    calendars = [calendar_for(school=school, academic_year=year) for year in years]
    days = set().union(*(school_days(calendar=calendar) for calendar in calendars if calendar))
    return sorted(day for day in days if day <= yesterday)


def _demo_attendance(rng: random.Random, enforcement: dict[str, str]) -> int:
    """Marks for every demo pupil from the start of this school year to yesterday, through the real import.

    Pupils in ``enforcement`` (la_reference -> pattern) have marks from the start of the last school
    year too, and are kept off school a day every week (over the national threshold of ten sessions in
    ten school weeks); "missing" ones have been absent for the last five weeks.
    """
    from tutela.attendance.services import MarkRow, marks_import

    year = academic_year_of(timezone.localdate() - timedelta(days=1))
    for calendar_year in (year - 1, year, year + 1):  # next year's term dates are published well ahead
        _demo_calendars(calendar_year)
    rows: list[MarkRow] = []
    pupils = Person.objects.filter(la_reference__startswith="DEMO-C", school__isnull=False).select_related("school")
    days_by_school: dict[tuple[int, bool], list[date]] = {}
    for pupil in pupils.order_by("la_reference"):
        school = pupil.school
        if school is None:
            continue
        pattern = enforcement.get(pupil.la_reference)
        key = (school.pk, pattern is not None)
        if key not in days_by_school:
            days_by_school[key] = _school_days_to_yesterday(school, [year - 1, year] if pattern else [year])
        days = days_by_school[key]
        propensity = rng.betavariate(1.2, 16)
        day_off = 0 if rng.random() < 0.04 else None  # a few families keep children off on Mondays
        absences = ["I", "I", "M", "N", "O", "G"]
        if pattern is not None:
            propensity, day_off, absences = rng.uniform(0.04, 0.1), rng.choice([0, 4]), ["N", "O", "G", "I"]
        missing_from = days[-25] if pattern == "missing" and len(days) >= 25 else None
        for day in days:
            for session in ("AM", "PM"):
                code = "/" if session == "AM" else "\\"
                if day.weekday() == day_off or (missing_from and day >= missing_from):
                    code = "N"
                elif rng.random() < propensity:
                    code = rng.choice(absences)
                rows.append(MarkRow("demo", pupil.upn or "", school.urn, day, session, code))
    if rows:
        marks_import(rows=rows, actor=None, source="demo attendance", content=f"demo-{year}".encode())
    return len(rows)


# --- Attendance enforcement: Dudley's Education Support Service -------------------------------
#
# A family at every stage, each made through the enforcement services as an officer would (so every
# legal step is a named officer's decision, with its letter and clocks). Dates count back from today
# so the clocks are alive whenever the demo is loaded. Some families are referred by their school
# (whose demo user then sees the referral); the rest come from the attendance worklist.

ESS_CONTROLLER = "dudley"
ESS_SERVICE = "education-support"
ESS_TEAM = "education-support-service"
ESS_OFFICERS = ["dudley-caseworker", "dudley-caseworker2"]
ESS_MANAGER = "dudley-manager"
MAGISTRATES = "Wolverhampton Magistrates' Court"
FAMILY_COURT = "Family Court at Wolverhampton"
_SCHOOL_ACTIONS = [
    "Letters home at 90% and 85% attendance; a meeting with the head of year; a breakfast club place offered.",
    "First-day calls for every absence; two home visits by the pastoral lead; an attendance plan agreed and reviewed.",
    "A meeting with the parents and the school nurse; a mentor from the pastoral team; a reduced timetable for "
    "two weeks, since ended.",
]


@dataclass(frozen=True)
class _Ess:
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
class _Family:
    child: Person
    parents: list[Person]
    officer: User

    @property
    def parent(self) -> Person:
        return self.parents[0]


def _name(person: Person | User) -> str:
    if isinstance(person, User):
        return person.get_full_name()
    return f"{person.given_name} {person.family_name}"


def _refer(ess: _Ess, family: _Family, *, days_ago: int, sen: str = "none", safeguarding: str = "") -> Referral:
    details = ReferralDetails(
        child=family.child,
        parents=family.parents,
        actions_taken=ess.rng.choice(_SCHOOL_ACTIONS),
        safeguarding=safeguarding,
        safeguarding_concerns=bool(safeguarding),
        sen_status=sen,
    )
    assert family.child.school_id is not None  # noqa: S101 -- referred families are chosen at referring schools
    return referral_submit(actor=ess.school_users[family.child.school_id], details=details, as_of=ess.ago(days_ago))


def _case(ess: _Ess, family: _Family, *, referred_days_ago: int | None = None) -> Case:
    """The family's case: from the school's referral, accepted by the manager, or opened from the worklist."""
    if referred_days_ago is not None:
        referral = _refer(ess, family, days_ago=referred_days_ago)
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


def _step(family: _Family, case: Case, key: str, values: dict[str, Any], rationale: str = "") -> StepEntry:
    concerning = family.parent if STEPS_BY_KEY[key].concerning == "parent" else None
    return step_record(
        actor=family.officer, case=case, step_key=key, values=values, concerning=concerning, rationale=rationale
    )


def _meeting(ess: _Ess, family: _Family, case: Case, *, days_ago: int) -> None:
    attendees = f"{_name(family.parent)}, the head of year, {_name(family.officer)}"
    agreed = (
        "School to call on the first day of any absence; the family to use the breakfast club; review in six weeks."
    )
    _step(
        family,
        case,
        "targeted-support-meeting",
        {"held_on": ess.ago(days_ago), "attendees": attendees, "agreed_actions": agreed},
    )


def _notice_to_improve(ess: _Ess, family: _Family, case: Case, *, days_ago: int) -> None:
    values = {
        "served_on": ess.ago(days_ago),
        "service_method": "hand",
        "improvement_weeks": 4,
        "support_offered": "The targeted support meeting's plan, a breakfast club place and weekly check-ins with "
        "the pastoral lead continue; a referral to the family support worker is offered.",
    }
    rationale = "Unauthorised absence continues despite the support meeting: a last chance to improve before a penalty."
    _step(family, case, "notice-to-improve", values, rationale)


def _offence_period(ess: _Ess, *, ends_before: date, school_days: int = 50) -> tuple[date, date]:
    """The last ``school_days`` school days before a day (ten school weeks, as the national threshold
    counts): the offence period of a notice."""
    days = [day for day in ess.school_days if day < ends_before]
    if not days:
        return ends_before - timedelta(days=42), ends_before - timedelta(days=1)
    return days[max(0, len(days) - school_days)], days[-1]


def _notice(
    ess: _Ess,
    family: _Family,
    case: Case,
    *,
    days_ago: int,
    parent: Person | None = None,
    method: str = "hand",
    period: tuple[date, date] | None = None,
) -> PenaltyNotice:
    issued = ess.ago(days_ago)
    start, end = period or _offence_period(ess, ends_before=issued - timedelta(days=2))
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


def _pay(family: _Family, notice: PenaltyNotice, *, pence: int, on: date) -> None:
    penalty_payment_record(
        actor=family.officer,
        reference=notice.reference,
        amount_pence=pence,
        received_on=on,
        method="Online card payment",
    )


def _interview(ess: _Ess, family: _Family, case: Case, *, days_ago: int) -> None:
    values = {
        "held_on": ess.ago(days_ago),
        "place": "Education Support Service interview room, Dudley Council offices",
        "interviewing_officer": _name(family.officer),
        "caution_given": True,
        "recording_reference": f"IUC-{case.reference}",
        "attendees": f"{_name(ess.manager)} (second officer)",
        "legal_representative": f"{ess.fake.name()}, duty solicitor",
        "summary": f"{family.parent.given_name} accepted that the absences happened and said mornings are hard "
        "with younger children at home; no illness or other reason was given for the unauthorised sessions.",
    }
    _step(family, case, "interview-under-caution", values)


def _witness(ess: _Ess, family: _Family, case: Case, *, days_ago: int) -> None:
    school = family.child.school
    values = {
        "maker": f"{ess.fake.name()}, attendance officer at {school.name if school else 'the school'}",
        "made_on": ess.ago(days_ago),
        "signed": True,
        "statement": "I keep the school's admission and attendance registers. The attendance record exhibited is a "
        "true copy of the register for the period; no request for leave was received for the unauthorised sessions.",
    }
    _step(family, case, "witness-statement", values)


def _other_schools(ess: _Ess, family: _Family) -> list[str]:
    return [school.name for school in ess.schools if school.pk != family.child.school_id]


def _attendance_orders(ess: _Ess, family: _Family, case: Case, *, days_ago: int) -> None:
    """The school attendance order route: s437(1) notice, s438 notice of intention, the order."""
    school = _other_schools(ess, family)[0]
    reason = "No evidence of a suitable education has been given since the child left school."
    _step(family, case, "s437-notice", {"served_on": ess.ago(days_ago), "service_method": "hand"}, reason)
    values = {"served_on": ess.ago(days_ago - 30), "service_method": "first_class_post", "proposed_school": school}
    _step(family, case, "s438-notice", values, "The parent did not satisfy the LA within the s437(1) period.")
    values = {"served_on": ess.ago(days_ago - 55), "service_method": "hand", "named_school": school}
    _step(family, case, "school-attendance-order", values, "The parent chose no school in the s438 window.")


def _close(family: _Family, case: Case, reason: str) -> None:
    case_close(actor=family.officer, case=case, reason=reason)


def _task(family: _Family, case: Case, title: str, due_on: date) -> None:
    task_add(actor=family.officer, case=case, title=title, due_on=due_on)


# Scenarios: referral waiting, returned and redirected, then a case at every stage.


def _referral_waiting(ess: _Ess, family: _Family) -> None:
    _refer(ess, family, days_ago=2)


def _referral_waiting_with_concerns(ess: _Ess, family: _Family) -> None:
    concerns = "A young carer for a parent with a long-term illness; the school's DSL has told early help."
    _refer(ess, family, days_ago=1, sen="sen_support", safeguarding=concerns)


def _referral_returned(ess: _Ess, family: _Family) -> None:
    referral = _refer(ess, family, days_ago=20)
    reason = "Please hold a targeted support meeting with the family first and send us its notes; refer again if "
    reason += "attendance has not improved in four weeks."
    referral_return(actor=ess.manager, referral=referral, reason=reason)


def _referral_redirected(ess: _Ess, family: _Family) -> None:
    referral = _refer(ess, family, days_ago=15, sen="ehcp")
    reason = "The absence follows needs the EHCP does not yet meet: passed to Early Help to arrange an early review."
    referral_return(actor=ess.manager, referral=referral, reason=reason, redirect_to="early-help")


def _accepted(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=4)
    _task(family, case, "Arrange a targeted support meeting with the family and the school", ess.ahead(7))


def _targeted_support(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=30)
    _meeting(ess, family, case, days_ago=9)
    _task(family, case, "Review attendance with the school after the support meeting", ess.ahead(21))


def _improvement_period(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=40)
    _meeting(ess, family, case, days_ago=30)
    _notice_to_improve(ess, family, case, days_ago=12)


def _attendance_contract(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    _meeting(ess, family, case, days_ago=40)
    terms = "The parents will bring the child to the school gate by 8.45 each day; the school will offer a mentor "
    terms += "and a quiet start in the library."
    _step(family, case, "attendance-contract", {"agreed_on": ess.ago(21), "review_on": ess.ahead(21), "terms": terms})


def _notices_awaiting(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=70)
    _notice_to_improve(ess, family, case, days_ago=60)
    for parent in family.parents[:2]:  # one notice to each parent, each £80 within 21 days
        _notice(ess, family, case, days_ago=6, parent=parent)


def _notice_paid(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    notice = _notice(ess, family, case, days_ago=40, method="first_class_post")
    _pay(family, notice, pence=8000, on=notice.received_on + timedelta(days=9))


def _notice_part_paid(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    notice = _notice(ess, family, case, days_ago=10)
    _pay(family, notice, pence=4000, on=ess.ago(3))


def _notice_unpaid(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    _notice(ess, family, case, days_ago=50)  # penalty_notice_sweep raises the officer's task at the end


def _notice_withdrawn(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    notice = _notice(ess, family, case, days_ago=35)
    reason = "Medical evidence received after issue shows the absences in the period were illness."
    penalty_notice_withdraw(actor=family.officer, notice=notice, reason=reason, on=ess.ago(25))


def _second_notice(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    first = _notice(ess, family, case, days_ago=220)
    _pay(family, first, pence=8000, on=first.received_on + timedelta(days=12))
    _notice(ess, family, case, days_ago=8)  # the second within three years: £160, no discount


def _third_notice_refused(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=300)
    first = _notice(ess, family, case, days_ago=280)
    _pay(family, first, pence=8000, on=first.received_on + timedelta(days=5))
    second = _notice(ess, family, case, days_ago=100)
    _pay(family, second, pence=16000, on=second.received_on + timedelta(days=20))
    possible = next_notice_possible_on(others_issued_on=[first.issued_on, second.issued_on], issue_on=ess.today)
    title = f"Absence again: no third notice before {possible:%-d %B %Y}, so decide on prosecution or an ESO"
    _task(family, case, title, ess.ahead(10))


def _supervision_order(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    _meeting(ess, family, case, days_ago=90)
    values = {"applied_on": ess.ago(45), "court": FAMILY_COURT, "made_on": ess.ago(10)}
    rationale = "Persistent absence with needs at home that a supervisor can help the family meet; no offence route."
    _step(family, case, "eso-application", values, rationale)


def _s437_running(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    values = {"served_on": ess.ago(5), "service_method": "first_class_post"}
    _step(family, case, "s437-notice", values, "The child has not attended since leaving school; no education shown.")


def _attendance_order_amended(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    _attendance_orders(ess, family, case, days_ago=75)
    values = {"amended_on": ess.ago(4), "new_school": _other_schools(ess, family)[1]}
    _step(family, case, "sao-amendment", values, "The parent asked for a place at another school, which has one.")


def _convicted(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=250)
    _notice_to_improve(ess, family, case, days_ago=240)
    notice = _notice(ess, family, case, days_ago=125, method="first_class_post")
    _interview(ess, family, case, days_ago=85)
    _witness(ess, family, case, days_ago=80)
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
        changes={"court": MAGISTRATES, "information_laid_on": ess.ago(60)},
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


def _prosecution_pending(ess: _Ess, family: _Family) -> None:
    """Prosecution decided and its evidence bundle made, but the information not yet laid: its s127
    clock warns within 30 days."""
    case = _case(ess, family)
    target = add_months(ess.today, -6) + timedelta(days=12)  # the whole period stays in time for about 12 days
    start = next((day for day in ess.school_days if target <= day <= target + timedelta(days=14)), target)
    later = [day for day in ess.school_days if start <= day <= ess.ago(40)]
    end = later[min(49, len(later) - 1)] if later else start  # ten school weeks, as the threshold counts
    notice = _notice(ess, family, case, days_ago=(ess.today - end).days - 5, period=(start, end))
    _interview(ess, family, case, days_ago=20)
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


def _deleted_missing(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=12)
    values: dict[str, Any] = {"authorised_on": ess.ago(3), "ground": "reg9-cme"}
    values |= {key: True for key, _label in CME_ENQUIRIES}  # every joint reasonable enquiry made
    rationale = "Absent for over 20 school days with whereabouts unknown after the joint enquiries; CME has the case."
    _step(family, case, "register-deletion", values, rationale)


def _closed_improved(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family, referred_days_ago=150)
    _meeting(ess, family, case, days_ago=140)
    terms = "The family will use the breakfast club every day; the school will call on the first morning of absence."
    _step(family, case, "attendance-contract", {"agreed_on": ess.ago(130), "review_on": ess.ago(100), "terms": terms})
    _close(family, case, "Attendance has been above 95% since the contract review; the school will monitor it.")


def _closed_paid(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    notice = _notice(ess, family, case, days_ago=90)
    _pay(family, notice, pence=8000, on=notice.received_on + timedelta(days=4))
    _close(family, case, "The penalty was paid within 21 days and attendance is above 93% this half term.")


def _closed_order_revoked(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    _attendance_orders(ess, family, case, days_ago=160)
    _step(family, case, "sao-revocation", {"revoked_on": ess.ago(30)}, "The child now attends an independent school.")
    _close(family, case, "The order is revoked: the child is registered at and attending an independent school.")


def _closed_deleted_elsewhere(ess: _Ess, family: _Family) -> None:
    case = _case(ess, family)
    values = {"authorised_on": ess.ago(20), "ground": "reg9-1a"}
    _step(family, case, "register-deletion", values, "Registered at a school in another authority, which confirmed.")
    _close(family, case, "The family moved away and the child is registered at a school in their new authority.")


@dataclass(frozen=True)
class _Scenario:
    build: Callable[[_Ess, _Family], None]
    referred: bool  # by the pupil's school (so at a school with a demo user), else from the worklist
    parents: int = 1
    officer: int = 0  # index into ESS_OFFICERS
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


def _enforcement_pupils(schools: list[School], referring: set[int]) -> list[tuple[_Scenario, Person, list[Person]]]:
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


def _ess_world(rng: random.Random, fake: Faker, schools: list[School]) -> _Ess:
    controller = Controller.objects.get(slug=ESS_CONTROLLER)
    users = {user.username: user for user in User.objects.filter(controller=controller)}
    year = academic_year_of(timezone.localdate() - timedelta(days=1))
    return _Ess(
        today=timezone.localdate(),
        controller=controller,
        team=Team.objects.get(controller=controller, slug=ESS_TEAM),
        officers=[users[name] for name in ESS_OFFICERS],
        manager=users[ESS_MANAGER],
        school_users={user.school_id: user for user in users.values() if user.school_id is not None},
        schools=schools,
        school_days=_school_days_to_yesterday(schools[0], [year - 1, year]),
        rng=rng,
        fake=fake,
    )


def _enforcement(
    rng: random.Random, fake: Faker, schools: list[School], chosen: list[tuple[_Scenario, Person, list[Person]]]
) -> tuple[int, int]:
    """Build each chosen family's scenario, then raise the tasks the daily penalty notice sweep would."""
    ess = _ess_world(rng, fake, schools)
    for scenario, child, parents in chosen:
        scenario.build(ess, _Family(child, parents, ess.officers[scenario.officer]))
    penalty_notice_sweep(today=ess.today)
    demo_children = [child.pk for _s, child, _p in chosen]
    cases = Case.objects.filter(service=ESS_SERVICE, child__in=demo_children).count()
    return Referral.objects.filter(child__in=demo_children).count(), cases


def demo_world_build(*, seed: int, children: int, progress: Callable[[int], None] = lambda done: None) -> DemoSummary:
    """Create or refresh the demo world for this seed and size, all in one transaction."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    with transaction.atomic():
        controllers = _controllers_and_teams()
        schools = _schools(rng)
        users = _users(controllers, schools, fake)
        _clear_demo_casework()
        child_count, parent_count = _families(rng, fake, schools, children, progress)
        referring = {
            user.school_id for user in User.objects.filter(controller__slug=ESS_CONTROLLER, school__isnull=False)
        }
        chosen = _enforcement_pupils(schools[ESS_CONTROLLER], {pk for pk in referring if pk is not None})
        case_count, record_count = _casework(rng, controllers, skip={child.pk for _s, child, _p in chosen})
        _demo_attendance(rng, {child.la_reference or "": s.attendance for s, child, _p in chosen})
        referral_count, enforcement_count = _enforcement(rng, fake, schools[ESS_CONTROLLER], chosen)
        audit_record(
            actor=None,
            action="demo_data_load",
            reason="synthetic demo data",
            detail={
                "seed": seed,
                "children": child_count,
                "parents": parent_count,
                "cases": case_count,
                "enforcement_cases": enforcement_count,
            },
        )
    school_count = sum(len(found) for found in schools.values())
    return DemoSummary(
        users=users,
        schools=school_count,
        children=child_count,
        parents=parent_count,
        cases=case_count,
        records=record_count,
        referrals=referral_count,
        enforcement_cases=enforcement_count,
    )
