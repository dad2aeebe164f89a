"""The shared test world: two controllers, a person in each role, and an outsider.

Persona keys name who they are to a case of the Wigan Engagement Centres team:
``assigned_caseworker``, ``team_colleague``, ``other_service_officer`` (Wigan TESS),
``school_user``, ``outsider`` (no controller, no roles), plus the governance and management roles.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from tutela.accounts.models import Controller, Team, User
from tutela.accounts.tests.factories import PASSWORD, ControllerFactory, TeamFactory, UserFactory

if TYPE_CHECKING:
    from tutela.casework.models import Case
    from tutela.people.models import Person, School
    from tutela.records.models import Record


@dataclass
class World:
    controllers: dict[str, Controller] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


# persona key -> (controller, role code or None, team key or None)
PERSONAS = {
    "assigned_caseworker": ("wigan", "caseworker", "wigan.engagement"),
    "team_colleague": ("wigan", "caseworker", "wigan.engagement"),
    "team_manager": ("wigan", "team-manager", "wigan.engagement"),
    "other_service_officer": ("wigan", "caseworker", "wigan.tess"),
    "ig_officer": ("wigan", "ig-officer", "wigan.ig"),
    "dpo": ("wigan", "dpo", "wigan.ig"),
    "analyst": ("wigan", "analyst", "wigan.data"),
    "school_user": ("wigan", "school-user", None),
    "administrator": ("wigan", "administrator", None),
    "dudley_caseworker": ("dudley", "caseworker", "dudley.ess"),
    "dudley_ig_officer": ("dudley", "ig-officer", "dudley.ig"),
    "safeguarding_lead": ("school", "safeguarding-lead", "school.safeguarding"),
    "pastoral_staff": ("school", "pastoral-staff", "school.safeguarding"),
    "headteacher": ("school", "headteacher", "school.safeguarding"),
}


@pytest.fixture
def world(db: None) -> World:
    built = World()
    built.controllers = {
        "wigan": ControllerFactory(slug="wigan", name="Wigan Council"),
        "dudley": ControllerFactory(slug="dudley", name="Dudley Metropolitan Borough Council"),
        "school": ControllerFactory(slug="werneth-school", name="Werneth School", kind=Controller.Kind.SCHOOL),
    }
    for key, name, service in [
        ("wigan.engagement", "Engagement Centres", "engagement-centres"),
        ("wigan.tess", "Targeted Education Support Service", "targeted-education-support"),
        ("wigan.data", "Education Data", "pupil-data"),
        ("wigan.ig", "Information Governance", ""),
        ("dudley.ess", "Education Support Service", "education-support"),
        ("dudley.ig", "Information Governance", ""),
        ("school.safeguarding", "Safeguarding", "sen-safeguarding"),
    ]:
        controller_key, slug = key.split(".")
        built.teams[key] = TeamFactory(
            controller=built.controllers[controller_key], slug=slug, name=name, service=service
        )
    for persona, (controller_key, role, team_key) in PERSONAS.items():
        built.users[persona] = UserFactory(
            username=persona.replace("_", "-"),
            controller=built.controllers[controller_key],
            roles=[role] if role else [],
            teams=[built.teams[team_key]] if team_key else [],
            is_staff=role == "administrator",
        )
    built.users["outsider"] = UserFactory(username="outsider", controller=None)
    return built


@pytest.fixture
def sign_in(client: Client):  # type: ignore[no-untyped-def]
    """Sign a user in through the real sign-in form (so axes and the audit log see it)."""

    def _sign_in(user: User, test_client: Client = client) -> Client:
        response = test_client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:500]
        return test_client

    return _sign_in


@pytest.fixture(autouse=True)
def stores_in_tmp(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """Each test gets its own checkpoint store, key store and document store, never the developer's var/."""
    settings.AUDIT_CHECKPOINT_PATH = tmp_path / "audit-checkpoints.jsonl"
    settings.KEYSTORE_PATH = tmp_path / "keystore.sqlite3"
    settings.DOCUMENT_STORE_DIR = tmp_path / "documents"
    yield tmp_path


@pytest.fixture
def register_copy(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """A private copy of the shipped registers that a test may change; reloaded on every call."""
    import shutil

    from tutela.register.api import register_cache_clear

    target = tmp_path / "registers"
    shutil.copytree(Path(settings.REGISTER_DIR), target, ignore=shutil.ignore_patterns("*.md"))
    settings.REGISTER_DIR = target
    settings.REGISTER_RECHECK_SECONDS = 0
    register_cache_clear()
    yield target
    register_cache_clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Close sessions that live-server request threads left open, so the test database can be dropped."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@dataclass
class Casework:
    """A child on a Wigan Engagement Centres case, with one record of each shared type."""

    child: "Person"
    mother: "Person"
    case: "Case"
    records: dict[str, "Record"]
    school: "School"
    other_school: "School"


@pytest.fixture
def casework(world: World) -> Casework:
    from django.utils import timezone

    from tutela.casework.models import Case
    from tutela.people.tests.factories import PersonFactory, RelationshipFactory, SchoolFactory
    from tutela.records.models import Record
    from tutela.records.services import Upload, record_create

    school, other_school = SchoolFactory(), SchoolFactory()
    child = PersonFactory(school=school, given_name="Ada", family_name="Testchild")
    mother = RelationshipFactory(child=child).person
    worker = world.users["assigned_caseworker"]
    world.users["school_user"].school = other_school
    world.users["school_user"].save(update_fields=["school"])
    case = Case.objects.create(
        reference="EC-0001",
        controller=world.controllers["wigan"],
        service="engagement-centres",
        child=child,
        owning_team=world.teams["wigan.engagement"],
        allocated_worker=worker,
        opened_at=timezone.now(),
        opened_by=worker,
    )
    case.family.add(mother)
    records = {}
    for kind in Record.Kind.values:
        records[kind] = record_create(
            actor=worker,
            subject=child,
            controller=world.controllers["wigan"],
            service="engagement-centres",
            purpose="administer-service",
            categories=["child.identity.name", "child.education.attendance"],
            kind=kind,
            title=f"{kind.replace('_', ' ').capitalize()} about attendance",
            body="Attendance has improved since the last review.",
            occurred_on=timezone.localdate(),
            source=Record.Source.OFFICER,
            case=case,
            upload=Upload("letter.txt", "text/plain", b"Dear parent") if kind == Record.Kind.DOCUMENT else None,
        )
    return Casework(child=child, mother=mother, case=case, records=records, school=school, other_school=other_school)


@pytest.fixture(autouse=True)
def data_migrations_present(request: pytest.FixtureRequest, django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    """Put back what the data migrations wrote (roles, permissions) if a transactional test flushed it.

    A transactional test ends by emptying every table. pytest-django runs such tests last, but with
    pytest-xdist a worker may be handed another file after one: without roles, its users could do
    nothing. The test database's serialised contents, taken at creation, are reloaded once, committed.
    """
    if "db" not in request.fixturenames and request.node.get_closest_marker("django_db") is None:
        return
    from django.db import connection

    from tutela.accounts.models import Role

    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents and not Role.objects.exists():
            connection.creation.deserialize_db_from_string(contents)
