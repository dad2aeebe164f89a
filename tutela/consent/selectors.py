"""What a recipient may receive about a person after opt-outs; consents and objections as pages show them."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tutela.consent.models import Consent, Objection, OptOut
from tutela.people.models import Person
from tutela.people.selectors import person_age_on
from tutela.register.api import register

if TYPE_CHECKING:
    from tutela.governance.models import User


def recipient_categories(*, subject: Person, controller: str, service: str, recipient: str, on: date) -> list[str]:
    """The categories the recipient may receive about this person on the day; empty if none."""
    found = register().recipient(controller, service, recipient)
    if found.subject_minimum_age is not None:
        age = person_age_on(person=subject, day=on)
        if age is None or age < found.subject_minimum_age:
            return []
    allowed = list(found.agreement.categories_allowed) if found.agreement else []
    opted_out = OptOut.objects.filter(
        subject=subject,
        controller__slug=controller,
        service=service,
        recipient=recipient,
        requested_on__lte=on,
        withdrawn_on__isnull=True,
    ).exists()
    if opted_out and found.opt_out is not None:
        return list(found.opt_out.categories_after_opt_out)
    return allowed


def consent_covers(*, subject: Person, controller: str, service: str, purpose: str, recipient: str) -> bool:
    """Whether a live consent of the person names both this purpose and this recipient (its scope)."""
    consents = Consent.objects.filter(
        subject=subject, controller__slug=controller, service=service, withdrawn_on__isnull=True
    ).only("purposes", "recipients", "withdrawn_on")
    return any(consent.covers(purpose=purpose, recipient=recipient) for consent in consents)


def consent_for_actor(*, actor: "User", consent_id: int) -> Consent:
    """A consent the actor works with (need to know in its service), for withdrawing it.

    Need to know (audited), not the full gate over the consent's purposes: a withdrawal must stay
    possible when a purpose has since been retired, and under restriction (Art 18) or an upheld
    objection, whose checks govern using data, not stopping it (Art 7(3): withdrawing must be as
    easy as giving)."""
    from tutela.governance.errors import GateDenied
    from tutela.governance.gate import Decision, knows_in_service

    consent = Consent.objects.select_related("controller", "subject", "given_by").get(pk=consent_id)
    if not knows_in_service(
        actor=actor,
        subjects=[consent.subject],
        controller=consent.controller.slug,
        service=consent.service,
        object_type="consent.consent",
        object_id=str(consent.pk),
    ):
        raise GateDenied(
            Decision(False, ("no need to know this person in this service",), subject_id=consent.subject_id)
        )
    return consent


def consent_recipient_names(*, consent: Consent) -> str:
    """The recipients a consent names, as the register names them."""
    names = []
    for key in consent.recipients:
        try:
            names.append(register().recipient(consent.controller.slug, consent.service, key).name)
        except LookupError:
            names.append(key)
    return ", ".join(names)


@dataclass(frozen=True)
class ObjectionRow:
    objection: Objection
    purpose: str
    service: str


def objection_rows(*, person: Person) -> list[ObjectionRow]:
    """The person's objections, newest first, with purpose and service named from the register."""
    objections = Objection.objects.filter(subject=person).select_related("controller", "decided_by")
    rows = []
    for objection in objections.order_by("-raised_on", "-pk"):
        try:
            service = register().service(objection.controller.slug, objection.service)
            purpose = register().purpose(objection.controller.slug, objection.service, objection.purpose)
            names = (purpose.description, service.name)
        except LookupError:
            names = (objection.purpose, objection.service)
        rows.append(ObjectionRow(objection, *names))
    return rows
