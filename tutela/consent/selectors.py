"""What a recipient may receive about a person after opt-outs; consents and objections as pages show them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.consent.models import Consent, Objection, OptOut
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision, knows_in_service
from tutela.people.models import Person, Relationship
from tutela.people.selectors import person_age_on
from tutela.register.api import register
from tutela.register.schema import Purpose, Service


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


def consent_for_actor(*, actor: User, consent_id: int) -> Consent:
    """A consent the actor works with (need to know in its service), for withdrawing it.

    Need to know (audited), not the full gate over the consent's purposes: a withdrawal must stay
    possible when a purpose has since been retired, and under restriction (Art 18) or an upheld
    objection, whose checks govern using data, not stopping it (Art 7(3): withdrawing must be as
    easy as giving)."""

    consent = Consent.objects.select_related("controller", "subject", "given_by").get(pk=consent_id)
    if not may_withdraw(actor=actor, consent=consent):
        raise GateDenied(
            Decision(False, ("no need to know this person in this service",), subject_id=consent.subject_id)
        )
    return consent


def may_withdraw(*, actor: User, consent: Consent) -> bool:
    """Whether the actor may record the consent's withdrawal: they need to know the person in the
    consent's service, or they are a school user passing it on for their own pupil. Audited."""

    return passes_on_for_pupil(actor=actor, consent=consent) or knows_in_service(
        actor=actor,
        subjects=[consent.subject],
        controller=consent.controller.slug,
        service=consent.service,
        object_type="consent.consent",
        object_id=str(consent.pk),
    )


def passes_on_for_pupil(*, actor: User, consent: Consent) -> bool:
    """Whether a school user passes on a withdrawal for their own pupil (seed 001: "contact your
    child's education establishment in the first instance who will then inform our service").

    Only a school user of the controller's, at the school the child attends: never another
    school's pupil, and nothing else of the casework. Audited as the withdrawal's read."""

    school = actor.school_id
    if school is None or consent.subject.school_id != school or actor.controller_id != consent.controller_id:
        return False
    audit_record(
        actor=actor,
        action="read",
        object_type="consent.consent",
        object_id=consent.pk,
        subject_id=consent.subject_id,
        purpose=f"{consent.controller.slug}/{consent.service}",
        reason="a pupil of your school: passing on a withdrawal of consent",
    )
    return True


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


def objection_rows(*, person: Person, controller_id: int | None = None) -> list[ObjectionRow]:
    """The person's objections (to one controller, if given), newest first, with purpose and
    service named from the register."""
    objections = Objection.objects.filter(subject=person).select_related("controller", "decided_by", "raised_by")
    if controller_id is not None:
        objections = objections.filter(controller_id=controller_id)
    rows = []
    for objection in objections.order_by("-raised_on", "-pk"):
        try:
            service = register().service(objection.controller.slug, objection.service)
            purpose = register().purpose(objection.controller.slug, objection.service, objection.purpose)
            names = (purpose.label, service.name)
        except LookupError:
            names = (objection.purpose, objection.service)
        rows.append(ObjectionRow(objection, *names))
    return rows


Choices = list[tuple[str, str]]


def consent_purpose_label(*, controller: str, service: str, purpose: str) -> str:
    """A purpose by its name for staff (the register's title); its key only if the register no longer has it."""
    try:
        return register().purpose(controller, service, purpose).label
    except LookupError:
        return purpose


def consent_services(*, controller: str, services: Sequence[str] = ()) -> list[Service]:
    """The controller's services that have a purpose resting on consent, limited to ``services``
    (the actor's teams' services) where that leaves any."""
    try:
        found = [s for s in register().controller(controller).services if any(_consent_purposes(s))]
    except LookupError:
        return []
    mine = [s for s in found if s.key in services]
    return mine or found


def _consent_purposes(service: Service) -> list[Purpose]:
    return [p for p in service.purposes if p.needs_consent and not p.retired]


def consent_scope_choices(*, services: Sequence[Service]) -> tuple[Choices, Choices]:
    """(purposes, recipients) a consent may name, as "service:key" values with the register's
    words; the service's name leads each label where there is more than one service."""
    several = len(services) > 1

    def label(service: Service, text: str) -> str:
        return f"{service.name}: {text}" if several else text

    purposes = [(f"{s.key}:{p.key}", label(s, p.label)) for s in services for p in _consent_purposes(s)]
    recipients = [
        (f"{s.key}:{r.key}", label(s, r.name))
        for s in services
        for r in s.recipients
        if r.requires_consent and not r.retired
    ]
    return purposes, recipients


def deciders(*, person: Person, on: date, include: Sequence[Person] = ()) -> Choices:
    """Who may give or withdraw consent for the person: the relatives holding parental
    responsibility on the day, the person themselves (the services check the register's age), and
    anyone in ``include`` (the one who gave it may always withdraw it)."""
    relatives = Relationship.objects.filter(child=person, parental_responsibility=True).select_related("person")
    found: dict[int, str] = {}
    for relationship in relatives:
        if relationship.responsibility_until is None or relationship.responsibility_until >= on:
            who = relationship.person
            found[who.pk] = f"{who.full_name} ({relationship.get_kind_display().lower()}, parental responsibility)"
    for who in include:
        found.setdefault(who.pk, who.full_name)
    found.setdefault(person.pk, f"{person.full_name} (the young person)")
    return [(str(pk), label) for pk, label in found.items()]


def capacity(*, consent: Consent) -> str:
    """In what capacity the person gave the consent: the young person, or a parent or carer."""
    if consent.given_by_id == consent.subject_id:
        return "The young person"
    relationship = Relationship.objects.filter(person=consent.given_by_id, child=consent.subject_id).first()
    if relationship is None:
        return "Not recorded"
    held = " with parental responsibility" if relationship.parental_responsibility else ""
    return f"{relationship.get_kind_display()}{held}"


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    service: str
    purposes: list[str]
    recipients: str
    capacity: str


def consent_rows(*, person: Person, controller_id: int | None, live_only: bool = False) -> list[ConsentRow]:
    """The person's consents with one controller, newest first, in the register's words."""
    if controller_id is None:  # someone of no controller works with none of its consents
        return []
    consents = Consent.objects.filter(subject=person, controller_id=controller_id).select_related(
        "controller", "given_by", "withdrawn_by", "recorded_by", "withdrawal_recorded_by"
    )
    if live_only:
        consents = consents.filter(withdrawn_on__isnull=True)
    rows = []
    for consent in consents.order_by("-given_on", "-pk"):
        slug = consent.controller.slug
        try:
            service = register().service(slug, consent.service).name
        except LookupError:
            service = consent.service
        purposes = [
            consent_purpose_label(controller=slug, service=consent.service, purpose=p) for p in consent.purposes
        ]
        rows.append(
            ConsentRow(consent, service, purposes, consent_recipient_names(consent=consent), capacity(consent=consent))
        )
    return rows


def consents_of(*, person: Person) -> list[Consent]:
    """Every consent about the person, with who gave it and the controller (for a page already allowed)."""
    return list(Consent.objects.filter(subject=person).select_related("given_by", "controller"))
