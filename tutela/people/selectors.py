"""Questions about people that other parts ask: ages, and who holds parental responsibility."""

from datetime import date

from django.db.models import Q

from tutela.accounts.models import User
from tutela.lib.dates import age_on
from tutela.people.models import CourtOrder, Person, Relationship


def person_age_on(*, person: Person, day: date) -> int | None:
    return age_on(person.date_of_birth, day) if person.date_of_birth else None


def holds_parental_responsibility(*, person: Person, child: Person, on: date) -> bool:
    """PR held on the day, and no court order in force then that limits this person's say."""
    holds = Relationship.objects.filter(
        Q(responsibility_from__isnull=True) | Q(responsibility_from__lte=on),
        Q(responsibility_until__isnull=True) | Q(responsibility_until__gt=on),
        person=person,
        child=child,
        parental_responsibility=True,
    ).exists()
    if not holds:
        return False
    limiting = CourtOrder.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=on),
        Q(kind__in=[CourtOrder.Kind.PROHIBITED_STEPS, CourtOrder.Kind.SPECIFIC_ISSUE]) | Q(limits_information=True),
        child=child,
        restricts=person,
        made_on__lte=on,
    )
    return not limiting.exists()


def person_by_id(*, person_id: int) -> Person:
    """The person row itself, for services that act on an id (a break-glass request); nothing is shown from it."""
    return Person.objects.get(pk=person_id)


def known_to(*, actor: User) -> Q:
    """People whose identity the actor may know (need to know): on their cases, in their teams' cases
    (as the child or family), added by their teams, or pupils of their school. Teams belong to one
    controller, so this never reaches another controller's people."""
    team_ids = list(actor.teams.values_list("id", flat=True))
    reach = (
        Q(cases__allocated_worker=actor)
        | Q(cases__owning_team_id__in=team_ids)
        | Q(family_cases__owning_team_id__in=team_ids)
        | Q(registered_by_team_id__in=team_ids)
    )
    if actor.school_id is not None:
        reach |= Q(school_id=actor.school_id)
    return reach


def person_with_school(*, person_id: int) -> Person:
    """The person and their school, for a page that decides through the gate before showing them."""
    return Person.objects.select_related("school").get(pk=person_id)


def person_relationships(*, person: Person) -> list[Relationship]:
    """The person's relationships both ways (as a child, and as the parent or carer of a child)."""
    return list(
        Relationship.objects.filter(child=person).select_related("person")
        | Relationship.objects.filter(person=person).select_related("child")
    )
