"""A school sending a form that carries the parent's consent (Engagement Centres' school referral)
finds its own pupils on it, though no consent is recorded yet: choosing the pupil is the first step
of recording that consent. Another school's pupils stay hidden, and the listing is audited."""

import pytest

from tutela.audit.models import AuditEntry
from tutela.people.tests.factories import PersonFactory, RelationshipFactory, SchoolFactory

FORM = "/services/engagement-centres/refer/school-referral/"


@pytest.fixture
def pupils(world):
    school, other = SchoolFactory.create(), SchoolFactory.create()
    mine = PersonFactory.create(school=school, given_name="Nell", family_name="Ownschool")
    RelationshipFactory.create(child=mine, person__given_name="Nora", person__family_name="Ownschool")
    PersonFactory.create(school=other, given_name="Olga", family_name="Elsewhere")
    world.users["school_user"].school = school
    world.users["school_user"].save(update_fields=["school"])
    return mine


def test_the_school_finds_its_pupil_and_her_parent(world, pupils, client):
    client.force_login(world.users["school_user"])
    assert "Nell Ownschool" in client.get(FORM).content.decode()
    page = client.get(f"{FORM}?child={pupils.pk}").content.decode()
    assert "Nora Ownschool" in page and "Olga Elsewhere" not in page


def test_another_schools_pupil_is_not_offered(world, pupils, client):
    client.force_login(world.users["school_user"])
    assert "Olga Elsewhere" not in client.get(FORM).content.decode()


def test_the_listing_is_audited_as_the_start_of_recording_the_consent(world, pupils, client):
    client.force_login(world.users["school_user"])
    client.get(FORM)
    entry = AuditEntry.objects.get(subject_id=str(pupils.pk), decision="allowed")
    assert entry.action == "record_consent" and entry.purpose == "wigan/engagement-centres/school-referral"
