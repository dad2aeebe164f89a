"""Giving and withdrawing consent, raising and deciding objections, and opting out.

Who may consent comes from the register: from the age it names for a purpose the young person
decides; below it, a person holding parental responsibility (not limited by a court order).
Withdrawal works for the future only: earlier processing stays lawful and stays in the audit log.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.audit.services import audit_record
from tutela.consent.models import Consent, Objection, OptOut
from tutela.consent.selectors import may_withdraw
from tutela.consent.signals import consent_withdrawn, objection_raised
from tutela.governance.errors import GateDenied
from tutela.governance.gate import NO_NEED_TO_KNOW, Action, Decision, Touch, decide_many, knows_in_service
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.people.selectors import holds_parental_responsibility, person_age_on
from tutela.records.models import Record
from tutela.register.api import register
from tutela.register.schema import LawfulBasis, Purpose, Right


def _require_gate(actor: User, subject: Person, controller: Controller, service: str, scope: "_Scope") -> None:
    """Recording a consent passes the full gate for every purpose it names (one audit entry).

    The register must give the service each purpose, for this kind of person; the person must not be
    under restriction (Art 18) or an upheld objection to it; the actor must need to know them in the
    service (or hold break-glass). The basis is not asked for: the consent being recorded is the basis
    (Action.RECORD_CONSENT). No category is touched: a consent record holds who decided what, none of
    the data the purpose itself processes. A school user of the controller may record a consent for
    its own pupil (the signed form a school referral carries); never for another school's child."""
    # A school user recording the consent its referral carries, for its own pupil, is its source.
    own_pupil = actor.school_id is not None and actor.school_id == subject.school_id
    touches = [
        Touch(
            subject=subject,
            controller=controller.slug,
            service=service,
            purpose=purpose.key,
            categories=(),
            object_type="people.person",
            object_id=str(subject.pk),
            source_school_id=actor.school_id if own_pupil else None,
        )
        for purpose in scope.purposes
    ]
    decisions = decide_many(actor=actor, action=Action.RECORD_CONSENT, touches=touches, summary="consent record")
    refused = [reason for decision in decisions if not decision for reason in decision.reasons]
    if NO_NEED_TO_KNOW in refused:
        raise InvalidInput({"subject": "You do not work with this person in this service"})
    if refused:
        raise InvalidInput({"subject": f"This consent cannot be recorded: {'; '.join(dict.fromkeys(refused))}"})


def _may_decide(*, person: Person, subject: Person, decides_from_age: int | None, on: date) -> str | None:
    """Why ``person`` may not decide for ``subject`` on the day, or None if they may."""
    age = person_age_on(person=subject, day=on)
    if person.pk == subject.pk:
        if decides_from_age is None:
            return "A parent or carer with parental responsibility must decide for this purpose"
        if age is None or age < decides_from_age:
            return f"The young person decides for themselves from age {decides_from_age}"
        return None
    if decides_from_age is not None and age is not None and age >= decides_from_age:
        return f"The young person is {age} and decides for themselves from age {decides_from_age}"
    if not holds_parental_responsibility(person=person, child=subject, on=on):
        return "This person does not hold parental responsibility (or a court order limits it)"
    return None


@dataclass(frozen=True)
class _Scope:
    purposes: list[Purpose]
    recipients: list[str]

    @property
    def form(self) -> str:
        return next((p.consent.form for p in self.purposes if p.consent), "consent form")

    def decider_problem(self, *, person: Person, subject: Person, on: date) -> str | None:
        """Why ``person`` may not decide for every purpose in the scope, or None."""
        ages = {p.consent.young_person_decides_from_age if p.consent else None for p in self.purposes}
        problems = (_may_decide(person=person, subject=subject, decides_from_age=age, on=on) for age in ages)
        return next((problem for problem in problems if problem), None)


def _scope(controller: Controller, service: str, purposes: Sequence[str], recipients: Sequence[str]) -> _Scope:
    """The consent's scope, checked against the register.

    A purpose may be named if it holds only with consent (its Art 6 basis or its Art 9 / Art 10
    condition); another purpose only together with the recipients it is to be shared with, as
    consent to that sharing (a notice's "we share with your consent")."""
    if not purposes:
        raise InvalidInput({"purposes": "Choose what the consent is for"})
    registers = register()
    found: list[Purpose] = []
    try:
        for key in dict.fromkeys(purposes):
            entry = registers.purpose(controller.slug, service, key)
            if entry.retired:
                raise InvalidInput({"purposes": f"'{key}' is retired"})
            if not entry.needs_consent and not recipients:
                raise InvalidInput(
                    {"purposes": f"'{key}' does not rest on consent: name the recipients the consent is to share with"}
                )
            found.append(entry)
        for key in recipients:
            if registers.recipient(controller.slug, service, key).retired:
                raise InvalidInput({"recipients": f"'{key}' is no longer a recipient of this service"})
    except LookupError as missing:
        raise InvalidInput({"purposes": str(missing)}) from missing
    return _Scope(purposes=found, recipients=list(dict.fromkeys(recipients)))


def consent_give(
    *,
    actor: User,
    subject: Person,
    given_by: Person,
    controller: Controller,
    service: str,
    purposes: Sequence[str],
    form_reference: str,
    given_on: date,
    recipients: Sequence[str] = (),
    evidence: Record | None = None,
) -> Consent:
    """Record a consent with its scope: exactly the purposes and recipients it names (Art 4(11), Art 7(1))."""
    scope = _scope(controller, service, purposes, recipients)
    if given_on > timezone.localdate():
        raise InvalidInput({"given_on": "The date consent was given must be today or in the past"})
    if evidence is not None and evidence.subject_id != subject.pk:
        raise InvalidInput({"evidence": "The signed form must be a record about the same person"})
    if not form_reference.strip():
        raise InvalidInput({"form_reference": f"Enter the reference of the {scope.form}"})
    problem = scope.decider_problem(person=given_by, subject=subject, on=given_on)
    if problem:
        raise InvalidInput({"given_by": problem})
    _require_gate(actor, subject, controller, service, scope)
    keys = [p.key for p in scope.purposes]
    with transaction.atomic():
        consent = Consent.objects.create(
            subject=subject,
            given_by=given_by,
            controller=controller,
            service=service,
            purposes=keys,
            recipients=scope.recipients,
            form_reference=form_reference.strip(),
            evidence=evidence,
            given_on=given_on,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="consent_give",
            object_type="consent.consent",
            object_id=consent.pk,
            subject_id=subject.pk,
            purpose=f"{controller.slug}/{service}/{','.join(keys)}",
            detail={"given_by": given_by.pk, "form": consent.form_reference, "recipients": scope.recipients},
        )
    return consent


def consent_withdraw(
    *, actor: User, consent: Consent, withdrawn_by: Person, withdrawn_on: date, note: str = ""
) -> Consent:
    """Stop the processing that rests on this consent from now on, and flag what depends on it.

    Whoever records it needs to know the person in the service, or is a school user passing on
    a parent's withdrawal for their own pupil (seed 001); see ``may_withdraw``."""
    if not may_withdraw(actor=actor, consent=consent):
        raise GateDenied(
            Decision(False, ("no need to know this person in this service",), subject_id=consent.subject_id)
        )
    if consent.withdrawn_on is not None:
        raise InvalidInput({"consent": f"This consent was already withdrawn on {consent.withdrawn_on:%d %B %Y}"})
    if withdrawn_on < consent.given_on or withdrawn_on > timezone.localdate():
        raise InvalidInput({"withdrawn_on": "The date must be between the day consent was given and today"})
    if withdrawn_by.pk != consent.given_by_id:
        registers = register()
        scope = _Scope(
            purposes=[registers.purpose(consent.controller.slug, consent.service, key) for key in consent.purposes],
            recipients=consent.recipients,
        )
        problem = scope.decider_problem(person=withdrawn_by, subject=consent.subject, on=withdrawn_on)
        if problem:
            raise InvalidInput({"withdrawn_by": problem})
    with transaction.atomic():
        consent.withdrawn_on = withdrawn_on
        consent.withdrawn_by = withdrawn_by
        consent.withdrawal_recorded_by = actor
        consent.withdrawal_note = note
        consent.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_recorded_by", "withdrawal_note"])
        audit_record(
            actor=actor,
            action="consent_withdraw",
            object_type="consent.consent",
            object_id=consent.pk,
            subject_id=consent.subject_id,
            purpose=f"{consent.controller.slug}/{consent.service}/{','.join(consent.purposes)}",
            reason=note,
        )
        consent_withdrawn.send(sender=Consent, consent=consent)
    return consent


def objection_raise(
    *, actor: User, subject: Person, raised_by: Person, controller: Controller, service: str, purpose: str, grounds: str
) -> Objection:
    """Record every objection, whatever the basis; a named person answers it (objection_decide).

    Art 21(1) applies only to public task and legitimate interests, but an objection to anything
    else is still a request that needs a reasoned answer, not silence."""
    try:
        entry = register().purpose(controller.slug, service, purpose)
    except LookupError as missing:
        raise InvalidInput({"purpose": str(missing)}) from missing
    if not grounds.strip():
        raise InvalidInput({"grounds": "Record the grounds of the objection"})
    _require_knows(actor, subject, controller.slug, service, "consent.objection")
    with transaction.atomic():
        objection = Objection.objects.create(
            subject=subject,
            raised_by=raised_by,
            controller=controller,
            service=service,
            purpose=purpose,
            grounds=grounds.strip(),
            raised_on=timezone.localdate(),
            lawful_basis=entry.lawful_basis,
        )
        audit_record(
            actor=actor,
            action="objection_raise",
            object_type="consent.objection",
            object_id=objection.pk,
            subject_id=subject.pk,
            purpose=f"{controller.slug}/{service}/{purpose}",
            detail={"lawful_basis": str(entry.lawful_basis)},
        )
        objection_raised.send(sender=Objection, objection=objection, actor=actor, purpose=entry.label)
    return objection


def _require_knows(actor: User, subject: Person, controller: str, service: str, object_type: str) -> None:
    """Objections are about the person in a service: whoever records or answers one needs to know
    them there (audited, allowed or refused)."""
    if not knows_in_service(
        actor=actor, subjects=[subject], controller=controller, service=service, object_type=object_type
    ):
        raise GateDenied(Decision(False, ("no need to know this person in this service",), subject_id=subject.pk))


def _objection_law(objection: Objection) -> tuple[bool, str, str]:
    """(Art 21 applies, what the register says the law is for this basis, the right to complain)."""
    found = register().controller(objection.controller.slug).controller
    statements = {statement.right: statement for statement in found.rights}
    # Objections raised before the basis was stored with them take it from the register.
    basis = LawfulBasis(
        objection.lawful_basis
        or register().purpose(objection.controller.slug, objection.service, objection.purpose).lawful_basis
    )
    objection_right = statements.get(Right.OBJECTION)
    # Art 21(1): public task and legitimate interests, as the register's rights statement lists them.
    art_21 = {LawfulBasis.PUBLIC_TASK, LawfulBasis.LEGITIMATE_INTERESTS}
    applies = basis in (set(objection_right.applies_to) & art_21 if objection_right else art_21)
    law = objection_right.limits.get(basis, "") if objection_right else ""
    if not law and not applies:
        law = f"Art 21(1): the right to object does not apply where we rely on {basis.label.lower()}."
    complain = statements.get(Right.COMPLAIN)
    ico = found.ico
    contact = ", ".join(part for part in (ico.name, ico.url, ico.phone) if part)
    return applies, law, " ".join(part for part in (complain.text if complain else "", contact) if part)


def objection_decide(*, actor: User, objection: Objection, upheld: bool, rationale: str) -> Objection:
    """A named person's reasoned decision, given with the law and the right to complain (Art 12(4)).

    Under public task or legitimate interests it is upheld, or refused where compelling legitimate
    grounds override the person's interests or the data is needed for legal claims (Art 21(1)); an
    upheld objection stops that purpose at the gate. Under any other basis Art 21 does not apply,
    so it can only be refused, with that reason."""
    if objection.status != Objection.Status.PENDING:
        raise InvalidInput({"objection": "This objection has already been decided"})
    if not rationale.strip():
        raise InvalidInput({"rationale": "Record the reasons for the decision"})
    _require_knows(actor, objection.subject, objection.controller.slug, objection.service, "consent.objection")
    applies, law, complain = _objection_law(objection)
    if upheld and not applies:
        raise InvalidInput({"upheld": f"The objection cannot be upheld: {law} Refuse it and give your reasons"})
    with transaction.atomic():
        objection.status = Objection.Status.UPHELD if upheld else Objection.Status.NOT_UPHELD
        objection.decided_by = actor
        objection.decided_on = timezone.localdate()
        objection.rationale = rationale.strip()
        objection.legal_reason = "" if upheld else law
        objection.right_to_complain = "" if upheld else complain
        objection.save(
            update_fields=["status", "decided_by", "decided_on", "rationale", "legal_reason", "right_to_complain"]
        )
        audit_record(
            actor=actor,
            action="objection_decide",
            object_type="consent.objection",
            object_id=objection.pk,
            subject_id=objection.subject_id,
            purpose=f"{objection.controller.slug}/{objection.service}/{objection.purpose}",
            reason=rationale,
            detail={"upheld": upheld, "art21_applies": applies},
        )
    return objection


def opt_out_request(
    *,
    actor: User,
    subject: Person,
    requested_by: Person,
    controller: Controller,
    service: str,
    recipient: str,
    requested_on: date,
) -> OptOut:
    """Limit what a recipient receives (Wigan's careers-service rule).

    A parent may ask at any age; the pupil from the age the register gives."""
    try:
        found = register().recipient(controller.slug, service, recipient)
    except LookupError as missing:
        raise InvalidInput({"recipient": str(missing)}) from missing
    if found.opt_out is None:
        raise InvalidInput({"recipient": f"{found.name} has no opt-out"})
    problem = _may_decide(
        person=requested_by, subject=subject, decides_from_age=found.opt_out.pupil_decides_from_age, on=requested_on
    )
    if (
        problem
        and requested_by.pk != subject.pk
        and holds_parental_responsibility(person=requested_by, child=subject, on=requested_on)
    ):
        problem = None  # the notice lets a parent opt out at any age
    if problem:
        raise InvalidInput({"requested_by": problem})
    with transaction.atomic():
        opt_out = OptOut.objects.create(
            subject=subject,
            requested_by=requested_by,
            controller=controller,
            service=service,
            recipient=recipient,
            requested_on=requested_on,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="opt_out_request",
            object_type="consent.optout",
            object_id=opt_out.pk,
            subject_id=subject.pk,
            purpose=f"{controller.slug}/{service}",
            detail={"recipient": recipient},
        )
    return opt_out
