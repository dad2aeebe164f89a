"""The demo world's reference data: controllers, teams, users and schools.

Controller, Team, User and School have no create service (they are set up by administrators), so
they are upserted directly here, keyed so that a second run changes nothing."""

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from faker import Faker

from tutela.accounts.models import Controller, Role, Team, User
from tutela.people.models import School

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
        ("manager", "team-manager", "engagement-centres"),
        ("tess-caseworker", "caseworker", "tess"),
        ("tess-manager", "team-manager", "tess"),
        ("sen-officer", "caseworker", "education-data"),
        ("data-manager", "team-manager", "education-data"),
        ("analyst", "analyst", "education-data"),
        ("ig", "ig-officer", "information-governance"),
        ("dpo", "dpo", "information-governance"),
        ("school", "school-user", ""),
        ("school-senco", "school-user", ""),
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
SCHOOLS_PER_LA = {"wigan": 6, "dudley": 4}
# A school user works at their LA's first demo school unless named here (username -> index of the school).
_USER_SCHOOL = {"dudley-school-dsl": 1, "wigan-school-senco": 1}


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
    services: dict[str, tuple[int, int]] = field(default_factory=dict)  # service: (referrals, cases) of its scenarios


def controllers_and_teams_build() -> dict[str, Controller]:
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


def schools_build(rng: random.Random) -> dict[str, list[School]]:
    schools: dict[str, list[School]] = {}
    urn = 990000
    for slug, _name, kind, la_code, _teams in CONTROLLERS:
        count = SCHOOLS_PER_LA.get(slug, 0) if kind == Controller.Kind.LOCAL_AUTHORITY else 1
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


def users_build(controllers: dict[str, Controller], schools: dict[str, list[School]], fake: Faker) -> list[DemoUser]:
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
