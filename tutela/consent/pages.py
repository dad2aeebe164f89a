"""What the consent and objection pages read: each through one gated, audited read of the person
(or of the consent or objection), and everything named in the register's words."""

from dataclasses import dataclass

from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.consent.models import Consent, Objection
from tutela.consent.selectors import (
    Choices,
    ConsentRow,
    ObjectionRow,
    consent_for_actor,
    consent_rows,
    deciders,
    objection_rows,
)
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision, knows_in_service
from tutela.people.models import Person
from tutela.records.selectors import person_for_actor
from tutela.register.api import register
from tutela.register.schema import LawfulBasis

OUTSIDE_CASEWORK = "school users pass on a withdrawal from the pupil's page; consents are the council's casework"


def staff_person(*, actor: User, person_id: int, page: str) -> Person:
    """The person, for a page of the controller's casework: staff who may know who they are.

    A school user works with the council, not in its casework (records.selectors._outside_casework):
    refused, audited, before anything of the person is read."""
    if actor.school_id is not None:
        person = Person.objects.get(pk=person_id)
        audit_record(
            actor=actor,
            action="read",
            object_type="people.person",
            object_id=person.pk,
            subject_id=person.pk,
            decision="denied",
            reason=f"{page}: {OUTSIDE_CASEWORK}",
        )
        raise GateDenied(Decision(False, (OUTSIDE_CASEWORK,), subject_id=person.pk))
    return person_for_actor(actor=actor, person_id=person_id, page=page)


@dataclass(frozen=True)
class ConsentsPage:
    person: Person
    consents: list[ConsentRow]
    objections: list[ObjectionRow]


def consents_page(*, actor: User, person_id: int) -> ConsentsPage:
    """The person's consents and objections with the actor's controller."""
    person = staff_person(actor=actor, person_id=person_id, page="consents and objections")
    return ConsentsPage(
        person=person,
        consents=consent_rows(person=person, controller_id=actor.controller_id),
        objections=objection_rows(person=person, controller_id=actor.controller_id),
    )


@dataclass(frozen=True)
class WithdrawalPage:
    consent: Consent
    row: ConsentRow
    deciders: Choices
    outside_casework: bool  # a school user passing it on: what it is for, not the consent record


def withdrawal_page(*, actor: User, consent_id: int) -> WithdrawalPage:
    """A consent to withdraw, read through ``consent_for_actor`` (need to know, or a school user's own pupil)."""
    consent = consent_for_actor(actor=actor, consent_id=consent_id)
    row = next(
        r for r in consent_rows(person=consent.subject, controller_id=consent.controller_id) if r.consent == consent
    )
    choices = deciders(person=consent.subject, on=timezone.localdate(), include=[consent.given_by])
    return WithdrawalPage(consent=consent, row=row, deciders=choices, outside_casework=actor.school_id is not None)


def objection_purposes(*, actor: User) -> Choices:
    """Every live purpose of the services the actor works in (of their controller's, if none), as
    "service:key", in the register's words: an objection may be to any use of the information."""
    if actor.controller is None:
        return []
    try:
        services = register().controller(actor.controller.slug).services
    except LookupError:
        return []
    mine = {team.service for team in actor.teams.all() if team.service}
    services = [service for service in services if service.key in mine] or services
    return [
        (f"{service.key}:{purpose.key}", f"{service.name}: {purpose.label}{_objection_note(purpose.lawful_basis)}")
        for service in services
        for purpose in service.purposes
        if not purpose.retired
    ]


def _objection_note(basis: LawfulBasis) -> str:
    """What the person recording an objection should know before they start: the right to object
    (Art 21(1)) reaches only public task and legitimate interests; consent is withdrawn instead."""
    if basis in (LawfulBasis.PUBLIC_TASK, LawfulBasis.LEGITIMATE_INTERESTS):
        return ""
    if basis == LawfulBasis.CONSENT:
        return " (rests on consent: record a withdrawal instead)"
    return f" ({basis.label.lower()}: an objection is answered, but can only be refused)"


@dataclass(frozen=True)
class ObjectionPage:
    objection: Objection
    row: ObjectionRow


def objection_for_actor(*, actor: User, objection_id: int) -> ObjectionPage:
    """An objection, for answering it: the actor needs to know the person in its service (audited)."""
    objection = Objection.objects.select_related("controller", "subject", "raised_by").get(pk=objection_id)
    if not knows_in_service(
        actor=actor,
        subjects=[objection.subject],
        controller=objection.controller.slug,
        service=objection.service,
        object_type="consent.objection",
        object_id=str(objection.pk),
    ):
        raise GateDenied(
            Decision(False, ("no need to know this person in this service",), subject_id=objection.subject_id)
        )
    row = next(r for r in objection_rows(person=objection.subject) if r.objection.pk == objection.pk)
    return ObjectionPage(objection=objection, row=row)
