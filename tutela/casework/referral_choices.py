"""Whom a referrer may choose on a referral form, read through the gate (one audit entry per page).

A school user chooses from its own pupils, read as what the school itself holds; staff choose from
the children of their own teams' open cases, read as those cases' files, and from the children their
teams added (a school's safeguarding team adds its pupils before any concern), read as the
service's. The family offered are the chosen child's current relatives, read the same way.
"""

from dataclasses import dataclass

from tutela.accounts.models import Controller, User
from tutela.casework.access import case_read_touch
from tutela.casework.categories import CHILD_NAME, FAMILY_CATEGORIES, PARENT_NAME
from tutela.casework.kit import IntakeForm
from tutela.casework.models import Case
from tutela.governance.gate import Action, Touch, decide_many
from tutela.people.models import Person, Relationship
from tutela.register.api import register


@dataclass(frozen=True)
class ReferralChoices:
    children: list[Person]
    family: list[Person]


def _service_touch(actor: User, controller: Controller, service: str, form: IntakeForm, person: Person) -> Touch:
    """A child, or a relative, read as the service's (for a school user, as what the school itself
    holds): for the form's purpose, or for a relative the service's first purpose that may name the
    family where the form's may not."""
    wanted = (CHILD_NAME,) if person.kind == Person.Kind.CHILD else FAMILY_CATEGORIES
    purpose = register().purpose(controller.slug, service, form.purpose)
    if wanted[0] not in purpose.categories:
        purpose = next(iter(register().purposes_touching(controller.slug, service, wanted[0])), purpose)
    return Touch(
        subject=person,
        controller=controller.slug,
        service=service,
        purpose=purpose.key,
        categories=tuple(c for c in wanted if c in purpose.categories) or wanted[:1],
        source_school_id=actor.school_id,
        object_type="people.person",
        object_id=str(person.pk),
    )


def _case_touch(case: Case, person: Person) -> Touch:
    touch = case_read_touch(case)
    categories = touch.categories if person.pk == case.child_id else (PARENT_NAME,)
    return Touch(
        subject=person,
        controller=touch.controller,
        service=touch.service,
        purpose=touch.purpose,
        categories=categories,
        case_id=touch.case_id,
        case_team_id=touch.case_team_id,
        case_worker_id=touch.case_worker_id,
        object_type="people.person",
        object_id=str(person.pk),
    )


def _choosing(actor: User, form: IntakeForm) -> Action:
    """A school choosing whom a consent-carrying form is about is the first step of recording that
    consent: asking for the consent first would never let the school send the form that carries it."""
    if actor.school_id is not None and form.consent_purpose and form.consent_purpose == form.purpose:
        return Action.RECORD_CONSENT
    return Action.READ


def referral_choices(
    *, actor: User, controller: Controller, service: str, form: IntakeForm, child_id: int | None
) -> ReferralChoices:
    """The children the actor may refer, and the chosen child's family (gated, one audit entry)."""
    if actor.school_id is not None:
        children = list(
            Person.objects.filter(school_id=actor.school_id, merged_into__isnull=True).order_by("family_name")
        )
        cases: dict[int, Case] = {}
    else:
        open_cases = Case.objects.filter(owning_team__in=actor.teams.all(), closed_at__isnull=True).select_related(
            "child", "controller"
        )
        cases = {case.child_id: case for case in open_cases}
        added = Person.objects.filter(
            registered_by_team__in=actor.teams.all(), kind=Person.Kind.CHILD, merged_into__isnull=True
        ).exclude(pk__in=list(cases))
        children = sorted({case.child for case in cases.values()} | set(added), key=lambda p: (p.family_name, p.pk))
    family: list[Person] = []
    if child_id is not None and child_id in {child.pk for child in children}:
        links = Relationship.objects.filter(child_id=child_id, ended_on__isnull=True).select_related("person")
        family = [link.person for link in links if link.person.kind != Person.Kind.CHILD]

    def touch(person: Person, child_pk: int) -> Touch:
        if child_pk in cases:
            return _case_touch(cases[child_pk], person)
        return _service_touch(actor, controller, service, form, person)

    touches = [touch(child, child.pk) for child in children]
    touches += [touch(person, child_id) for person in family if child_id is not None]
    decisions = decide_many(
        actor=actor, action=_choosing(actor, form), touches=touches, summary="referral form choices"
    )
    allowed = {t.subject.pk for t, decision in zip(touches, decisions, strict=True) if decision.allowed}
    return ReferralChoices([p for p in children if p.pk in allowed], [p for p in family if p.pk in allowed])
