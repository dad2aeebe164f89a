"""Builds a synthetic, reproducible demo world: controllers, teams, users, schools and families.

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
from django.utils import timezone
from faker import Faker

from tutela.audit.services import audit_record
from tutela.governance.models import Controller, Role, Team, User
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
    ],
    "werneth-school": [
        ("dsl", "safeguarding-lead", "safeguarding"),
        ("pastoral", "pastoral-staff", "safeguarding"),
        ("head", "headteacher", "safeguarding"),
    ],
}

_SCHOOL_STEMS = ["Oakfield", "Millbrook", "Hawthorn", "Kingsway", "Riverside", "Ashgrove", "Beechwood", "Fernhill"]
_SCHOOLS_PER_LA = {"wigan": 6, "dudley": 4}


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
                    "school": schools[controller_slug][0] if role_code == "school-user" else None,
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
    """Remove the casework of earlier demo runs, so a run rebuilds it from its seed alone."""
    from tutela.casework.models import Case, CaseFlag
    from tutela.consent.models import Consent
    from tutela.records.models import Document, Record

    demo = {"subject__la_reference__startswith": "DEMO-"}
    Consent.objects.filter(**demo).delete()
    Document.objects.filter(record__subject__la_reference__startswith="DEMO-").delete()
    Record.objects.filter(**demo).delete()
    CaseFlag.objects.filter(case__reference__startswith="DEMO-").delete()
    Case.objects.filter(reference__startswith="DEMO-").delete()


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


def _casework(rng: random.Random, controllers: dict[str, Controller]) -> tuple[int, int]:
    """A case for most demo children, with records made through the real services (so, the gate)."""
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
        if child.school is None or rng.random() < 0.25:  # not every child has a case
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
                    purpose=consent_purpose.key,
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


def _demo_attendance(rng: random.Random) -> int:
    """Marks for every demo pupil from the start of this school year to yesterday, through the real import."""
    from tutela.attendance.calendars import calendar_for, school_days
    from tutela.attendance.packing import academic_year_of
    from tutela.attendance.services import MarkRow, marks_import

    yesterday = timezone.localdate() - timedelta(days=1)
    year = academic_year_of(yesterday)
    _demo_calendars(year)
    rows: list[MarkRow] = []
    pupils = Person.objects.filter(la_reference__startswith="DEMO-C", school__isnull=False).select_related("school")
    days_by_school: dict[int, list[date]] = {}
    for pupil in pupils.order_by("la_reference"):
        school = pupil.school
        if school is None:
            continue
        if school.pk not in days_by_school:
            calendar = calendar_for(school=school, academic_year=year)
            days = sorted(school_days(calendar=calendar)) if calendar else []
            days_by_school[school.pk] = [day for day in days if day <= yesterday]
        propensity = rng.betavariate(1.2, 16)
        mondays_off = rng.random() < 0.04  # a few families keep children off on Mondays
        for day in days_by_school[school.pk]:
            for session in ("AM", "PM"):
                code = "/" if session == "AM" else "\\"
                if mondays_off and day.weekday() == 0:
                    code = "N"
                elif rng.random() < propensity:
                    code = rng.choice(["I", "I", "M", "N", "O", "G"])
                rows.append(MarkRow("demo", pupil.upn or "", school.urn, day, session, code))
    if rows:
        marks_import(rows=rows, actor=None, source="demo attendance", content=f"demo-{year}".encode())
    return len(rows)


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
        case_count, record_count = _casework(rng, controllers)
        _demo_attendance(rng)
        audit_record(
            actor=None,
            action="demo_data_load",
            reason="synthetic demo data",
            detail={"seed": seed, "children": child_count, "parents": parent_count, "cases": case_count},
        )
    school_count = sum(len(found) for found in schools.values())
    return DemoSummary(
        users=users,
        schools=school_count,
        children=child_count,
        parents=parent_count,
        cases=case_count,
        records=record_count,
    )
