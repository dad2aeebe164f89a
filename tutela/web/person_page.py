"""The person page: every part's view of one person (records, relationships, cases, consents,
objections, who holds their data), read through the gate with one audit entry for the page.

It sits in web, above every part it gathers from."""

from dataclasses import dataclass, field

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.access import cases_of_child
from tutela.casework.models import Case
from tutela.consent.models import Consent
from tutela.consent.selectors import ConsentRow as PupilConsentRow
from tutela.consent.selectors import ObjectionRow, consent_recipient_names, consent_rows, consents_of, objection_rows
from tutela.governance.errors import GateDenied
from tutela.governance.gate import (
    Decision,
)
from tutela.people.models import Person, Relationship
from tutela.people.selectors import person_relationships, person_with_school
from tutela.records.selectors import RecordRow, identity_visible, person_record_rows
from tutela.register.api import register
from tutela.sharing.selectors import Holder, recipients_holding


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    purpose: str
    service: str
    recipients: str = ""


@dataclass(frozen=True)
class PersonPage:
    person: Person
    records: list[RecordRow]
    relationships: list[Relationship]
    consents: list[ConsentRow]
    cases: list[Case]
    service_names: dict[str, str]
    shared_with: list[Holder]
    objections: list[ObjectionRow] = field(default_factory=list)
    casework: bool = True  # whether the viewer takes part in the controller's casework (not a school user)
    # For a school user: their own pupil's live consents, to pass on a parent's withdrawal (seed 001).
    pupil_consents: list[PupilConsentRow] = field(default_factory=list)


def _names(controllers: set[str]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Service and purpose names from the register, so pages never show register keys."""
    registers = register()
    services: dict[str, str] = {}
    purposes: dict[tuple[str, str], str] = {}
    for key in controllers:
        try:
            found = registers.controller(key)
        except LookupError:
            continue
        for service in found.services:
            services[service.key] = service.name
            purposes.update({(service.key, purpose.key): purpose.label for purpose in service.purposes})
    return services, purposes


def _outside_casework(actor: User) -> bool:
    """A school user works with the LA, not in its casework: they see what their school submitted
    about its pupils and nothing of the LA's casework (its cases, consents, disclosures, nor that
    records they may not read exist). The referrals they made, with their status, are theirs to see."""
    return actor.school_id is not None


def _pupil_consents(actor: User, person: Person) -> list[PupilConsentRow]:
    """Seed 001: a parent withdraws consent through the child's school, who inform the service."""
    if actor.school_id is None or person.school_id != actor.school_id:
        return []
    return consent_rows(person=person, controller_id=actor.controller_id, live_only=True)


def person_page(*, actor: User, person_id: int) -> PersonPage:
    person = person_with_school(person_id=person_id)
    rows = person_record_rows(actor=actor, person=person)
    cases = cases_of_child(person=person)
    via = identity_visible(actor, person, any(row.allowed for row in rows))
    if not any(row.allowed for row in rows):
        # The page shows who the person is, their relationships and consents: audited allowed or
        # refused. (An allowed record read is already in the records' entry, which names the person.)
        audit_record(
            actor=actor,
            action="read",
            object_type="people.person",
            object_id=person.pk,
            subject_id=person.pk,
            decision="allowed" if via else "denied",
            reason=via or "no need to know this person",
        )
    if not via:
        raise GateDenied(Decision(False, ("no need to know this person",), subject_id=person.pk))
    relationships = person_relationships(person=person)
    if _outside_casework(actor):
        return PersonPage(
            person=person,
            records=[row for row in rows if row.allowed],
            relationships=relationships,
            consents=[],
            cases=[],
            service_names={},
            shared_with=[],
            casework=False,
            pupil_consents=_pupil_consents(actor, person),
        )
    consents = consents_of(person=person)
    services, purposes = _names({case.controller.slug for case in cases} | {c.controller.slug for c in consents})
    consent_rows = [
        ConsentRow(
            consent,
            "; ".join(purposes.get((consent.service, key), key) for key in consent.purposes),
            services.get(consent.service, consent.service),
            consent_recipient_names(consent=consent),
        )
        for consent in consents
    ]
    # The person page gathers every part's view of the person, sharing and objections included.
    return PersonPage(
        person=person,
        records=rows,
        relationships=relationships,
        consents=consent_rows,
        cases=cases,
        service_names=services,
        shared_with=recipients_holding(person=person),
        objections=objection_rows(person=person),
    )
