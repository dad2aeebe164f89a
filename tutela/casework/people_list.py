"""The people list (/people/ and /api/people/): every person found is decided through the gate.

``known_to`` finds whom the actor can reach; the gate then decides each of them under the service
and purpose by which the actor knows them (a case, a team, a school), with its register, basis,
restriction (Art 18), objection and need-to-know checks. A person refused under every route is left
out (Art 18: restricted data may be stored, not used; showing the name with a marker would still be
use, and the list offers each name as a link to work with). One audit entry names every person
decided, allowed or denied. The list shows only the identity categories the purpose may touch
(Art 5(1)(c)): a UPN where the purpose holds UPNs, otherwise not.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from tutela.accounts.models import User
from tutela.casework.access import case_purpose
from tutela.casework.models import Case
from tutela.governance.gate import SUBJECT_KEYS, Action, Touch, decide_many
from tutela.people.models import Person
from tutela.people.selectors import known_to
from tutela.records import categories as declared
from tutela.register.api import register
from tutela.register.schema import LawfulBasis


@dataclass(frozen=True, slots=True)
class ListedIdentity:
    """The taxonomy categories the list shows of one kind of person (None: not held for that kind)."""

    name: str
    date_of_birth: str | None = None
    upn: str | None = None

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(key for key in (self.name, self.date_of_birth, self.upn) if key is not None)


# What the people list shows of each kind of person, in the taxonomy's words (registers/taxonomy.yaml).
PEOPLE_LIST_CATEGORIES = {
    Person.Kind.CHILD: ListedIdentity(declared.CHILD_NAME, declared.CHILD_DATE_OF_BIRTH, declared.CHILD_UPN),
    Person.Kind.PARENT: ListedIdentity(declared.PARENT_NAME, declared.PARENT_DATE_OF_BIRTH),
    Person.Kind.PROFESSIONAL: ListedIdentity(declared.PROFESSIONAL_NAME),
    Person.Kind.STAFF: ListedIdentity(declared.WORKFORCE_NAME),
}


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person as the list shows them: the name always, the rest only where the purpose may touch it."""

    pk: int
    kind: str
    kind_display: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    upn: str | None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


def _shown(person: Person, purpose_categories: Sequence[str] | None) -> tuple[str, ...]:
    """The list's categories for this person that the purpose may touch; the name always (the list
    shows it, so a purpose that may not touch it is refused by the register)."""
    listed = PEOPLE_LIST_CATEGORIES[Person.Kind(person.kind)]
    if purpose_categories is None:
        return (listed.name,)
    return tuple(key for key in listed.categories if key == listed.name or key in purpose_categories)


def _purpose_categories(controller: str, service: str, purpose: str) -> tuple[str, ...] | None:
    try:
        return tuple(register().purpose(controller, service, purpose).categories)
    except LookupError:
        return None


def identity_purpose(*, controller: str, services: Sequence[str], kind: str) -> tuple[str, str]:
    """(service, purpose) under which a service knows who someone of this kind is: the first live
    purpose, in register order, that covers this kind of person and their name without resting on
    consent (a list is no occasion to ask for it), preferring one that may touch everything the list
    shows. ('', '') when none does, and the gate then refuses."""
    listed = PEOPLE_LIST_CATEGORIES[Person.Kind(kind)]
    fitting: list[tuple[str, str, bool]] = []
    for key in services:
        try:
            found = register().service(controller, key)
        except LookupError:
            continue
        fitting += [
            (key, p.key, set(listed.categories) <= set(p.categories))
            for p in found.purposes
            if not p.retired
            and p.lawful_basis != LawfulBasis.CONSENT
            and SUBJECT_KEYS[Person.Kind(kind)] in p.data_subjects
            and listed.name in p.categories
        ]
    best = next((f for f in fitting if f[2]), fitting[0] if fitting else ("", "", False))
    return best[0], best[1]


def _touch(
    person: Person,
    controller: str,
    service: str,
    purpose: str,
    *,
    case: Case | None = None,
    school_id: int | None = None,
) -> Touch:
    return Touch(
        subject=person,
        controller=controller,
        service=service,
        purpose=purpose,
        categories=_shown(person, _purpose_categories(controller, service, purpose)),
        case_id=case.pk if case else None,
        case_team_id=case.owning_team_id if case else None,
        case_worker_id=case.allocated_worker_id if case else None,
        source_school_id=school_id,
        object_type="people.person",
        object_id=str(person.pk),
    )


def _case_touches(actor: User, people: dict[int, Person], team_ids: list[int]) -> list[Touch]:
    """People on the actor's cases: the child under the purpose the case file is kept for; the family
    under the service's purpose for knowing who they are."""
    mine = Q(allocated_worker=actor) | Q(owning_team_id__in=team_ids)
    touches = []
    as_child = Case.objects.filter(mine, child_id__in=people).select_related("controller")
    for case in as_child:
        slug = case.controller.slug
        purpose = case_purpose(controller=slug, service=case.service)
        touches.append(_touch(people[case.child_id], slug, case.service, purpose, case=case))
    links = Case.family.through.objects.filter(person_id__in=people, case__owning_team_id__in=team_ids)
    for link in links.select_related("case__controller"):
        case, person = link.case, people[link.person_id]
        slug = case.controller.slug
        _service, purpose = identity_purpose(controller=slug, services=[case.service], kind=person.kind)
        touches.append(_touch(person, slug, case.service, purpose, case=case))
    return touches


def _other_touches(actor: User, people: Sequence[Person], teams: dict[int, tuple[str, str]]) -> list[Touch]:
    """People added by the actor's teams (the team's service), and a school user's own pupils (what
    the school submitted, under the service of the actor's controller that holds it)."""
    touches = []
    for person in people:
        if person.registered_by_team_id in teams:
            controller, service = teams[person.registered_by_team_id]
            _found, purpose = identity_purpose(controller=controller, services=[service], kind=person.kind)
            touches.append(_touch(person, controller, service, purpose))
        if actor.school_id is not None and person.school_id == actor.school_id and actor.controller is not None:
            controller = actor.controller.slug
            try:
                services = [s.key for s in register().controller(controller).services]
            except LookupError:
                services = []
            service, purpose = identity_purpose(controller=controller, services=services, kind=person.kind)
            touches.append(_touch(person, controller, service, purpose, school_id=actor.school_id))
    return touches


def people_for_actor(*, actor: User, search: str = "", limit: int = 50) -> list[PersonRow]:
    """People the gate lets the actor see in the list, by name or UPN (non-special fields only).

    A fixed handful of queries however many people: the people, the actor's teams, their cases (as
    child and as family), the gate's context, and one audit entry for the whole list."""
    teams = {
        pk: (controller, service)
        for pk, controller, service in actor.teams.values_list("pk", "controller__slug", "service")
    }
    people_query = Person.objects.filter(known_to(actor=actor), merged_into__isnull=True)
    for word in search.split():
        people_query = people_query.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(upn__iexact=word)
        )
    found = list(people_query.distinct().order_by("family_name", "given_name")[:limit])
    by_pk = {person.pk: person for person in found}
    touches = _case_touches(actor, by_pk, list(teams)) + _other_touches(actor, found, teams)
    decisions = decide_many(actor=actor, action=Action.READ, touches=touches, summary="people list")
    # A person known by several routes is listed if any allows, showing the widest allowed view.
    shown: dict[int, tuple[str, ...]] = {}
    for touch, decision in zip(touches, decisions, strict=True):
        if decision.allowed and len(touch.categories) > len(shown.get(touch.subject.pk, ())):
            shown[touch.subject.pk] = touch.categories
    rows = []
    for person in found:
        if person.pk not in shown:
            continue
        listed = PEOPLE_LIST_CATEGORIES[Person.Kind(person.kind)]
        categories = shown[person.pk]
        rows.append(
            PersonRow(
                pk=person.pk,
                kind=person.kind,
                kind_display=person.get_kind_display(),
                given_name=person.given_name,
                family_name=person.family_name,
                date_of_birth=person.date_of_birth if listed.date_of_birth in categories else None,
                upn=(person.upn or None) if listed.upn in categories else None,
            )
        )
    return rows
