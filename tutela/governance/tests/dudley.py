"""A Dudley child on a Dudley Education Support Service case, with an encrypted health record
(all synthetic), and the personas that stand on both sides of Dudley's boundary."""

from dataclasses import dataclass

from django.utils import timezone

from tutela.accounts.models import Team, User
from tutela.accounts.tests.factories import UserFactory
from tutela.casework.models import Case
from tutela.people.models import Person
from tutela.people.tests.factories import PersonFactory, SchoolFactory
from tutela.records.models import Record
from tutela.records.services import record_create

SERVICE = "education-support"
HEALTH_PURPOSE = "special-category-information"


@dataclass
class DudleyChild:
    child: Person
    case: Case
    health: Record
    other_team_caseworker: User
    school_user: User


def dudley_child(world):
    dudley = world.controllers["dudley"]
    """The Dudley child (returns a DudleyChild; untyped like the fixtures it works with)."""
    child = PersonFactory(given_name="Dora", family_name="Dudleychild", school=SchoolFactory())
    officer = world.users["dudley_caseworker"]
    case = Case.objects.create(
        reference="ESS-0001",
        controller=dudley,
        service=SERVICE,
        child=child,
        owning_team=world.teams["dudley.ess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )
    health = record_create(
        actor=officer,
        subject=child,
        controller=dudley,
        service=SERVICE,
        purpose=HEALTH_PURPOSE,
        categories=["child.special.health"],
        kind=Record.Kind.FILE_NOTE,
        title="Health note",
        body="Synthetic: asthma plan held by the school nurse.",
        occurred_on=timezone.localdate(),
        source=Record.Source.OFFICER,
        case=case,
    )
    north = Team.objects.create(controller=dudley, slug="ess-north", name="ESS North", service=SERVICE)
    other = UserFactory(username="dudley-caseworker-north", controller=dudley, roles=["caseworker"], teams=[north])
    school_user = UserFactory(
        username="dudley-school-user", controller=dudley, roles=["school-user"], teams=[], school=SchoolFactory()
    )
    return DudleyChild(child, case, health, other, school_user)
