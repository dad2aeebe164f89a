"""Staff of a service refer a child their team added, with no case yet (Werneth's safeguarding team
adds its pupils before any concern); a child another team added is not offered."""

from tutela.casework.kit import kit_for
from tutela.casework.referral_choices import referral_choices
from tutela.people.tests.factories import PersonFactory, RelationshipFactory


def test_a_child_the_team_added_is_offered_with_their_family(world):
    team = world.teams["school.safeguarding"]
    child = PersonFactory.create(registered_by_team=team)
    mother = RelationshipFactory.create(child=child).person
    other = PersonFactory.create(registered_by_team=world.teams["wigan.tess"])
    form = kit_for("sen-safeguarding").intake_form("note-of-concern")
    choices = referral_choices(
        actor=world.users["pastoral_staff"],
        controller=world.controllers["school"],
        service="sen-safeguarding",
        form=form,
        child_id=child.pk,
    )
    assert choices.children == [child] and other not in choices.children
    assert choices.family == [mother]


def test_the_referral_page_says_why_there_is_nobody_to_choose(world, client):
    client.force_login(world.users["pastoral_staff"])
    page = client.get("/services/sen-safeguarding/refer/note-of-concern/").content.decode()
    assert "There is no child you can refer yet" in page
