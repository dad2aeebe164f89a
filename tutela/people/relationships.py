"""Adding a child's parent or carer: the person and their relationship to the child, together.

A referral names the child's family from the relationships held, so a child with none recorded
cannot be referred with their family until someone adds them here. Who parental responsibility
sits with matters later (Children Act 1989 s3; Education Act 1996 s576: a "parent" includes
anyone who has care of the child), so it is asked for, never assumed.
"""

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tutela.accounts.models import Team, User
from tutela.audit.services import audit_record
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person, Relationship
from tutela.people.services import PersonDetails, PossibleDuplicates, _validated, person_create

# The kinds of relationship that make someone a parent or carer of the child; a professional or a
# sibling is not added this way (a sibling is a child in their own right).
PARENT_OR_CARER_KINDS = (
    Relationship.Kind.MOTHER,
    Relationship.Kind.FATHER,
    Relationship.Kind.STEP_PARENT,
    Relationship.Kind.GRANDPARENT,
    Relationship.Kind.CARER,
    Relationship.Kind.FOSTER_CARER,
)


def _problems(*, child: Person, details: PersonDetails, kind: str) -> dict[str, str]:
    """Every problem with the request at once, so the form can list them all."""
    try:
        _validated(details)
        errors: dict[str, str] = {}
    except InvalidInput as invalid:
        errors = dict(invalid.errors)
    if child.kind != Person.Kind.CHILD or child.merged_into_id is not None:
        errors["child"] = "A parent or carer can only be added to a child's record"
    if kind not in PARENT_OR_CARER_KINDS:
        errors["kind"] = "Choose how they are related to the child"
    return errors


def relative_add(
    *,
    actor: User,
    child: Person,
    team: Team,
    details: PersonDetails,
    kind: str,
    parental_responsibility: bool,
    confirmed_not_duplicate: bool = False,
) -> Relationship:
    """Add a parent or carer of the child for a team of the actor's, with their relationship.

    The caller has read the child through the person page's rule (``person_for_actor``): only someone
    who may know the child adds to them. Raises InvalidInput (every problem, nothing written), or
    PossibleDuplicates until confirmed (the duplicate check, a disclosure, stays in the audit log).
    """
    if actor.school_id is not None or not actor.teams.filter(pk=team.pk).exists():
        # A school tells the service about a family in a referral; it does not keep the LA's records.
        raise PermissionDenied("Only staff of one of your own teams may add a parent or carer")
    details = replace(details, kind=Person.Kind.PARENT)
    if errors := _problems(child=child, details=details, kind=kind):
        raise InvalidInput(errors)
    offered: PossibleDuplicates | None = None
    with transaction.atomic():
        try:
            person = person_create(
                actor=actor, team=team, details=details, confirmed_not_duplicate=confirmed_not_duplicate
            )
        except PossibleDuplicates as possible:
            offered = possible  # leave the block normally, so the duplicate check's audit entry is kept
        else:
            relationship = Relationship.objects.create(
                person=person, child=child, kind=kind, parental_responsibility=parental_responsibility
            )
            audit_record(
                actor=actor,
                action="relative_add",
                object_type="people.relationship",
                object_id=relationship.pk,
                subject_id=child.pk,
                detail={
                    "team": team.slug,
                    "person": person.pk,
                    "kind": kind,
                    "parental_responsibility": parental_responsibility,
                },
            )
    if offered is not None:
        raise offered
    return relationship
