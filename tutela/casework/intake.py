"""Intake for any service: a referral or request made on one of a kit's intake forms.

Who may submit is the form's ``submitters``, checked against who the actor is (a school user, staff
of the service, staff of another team of the same controller, or the public where the register
names parents or young people as a source). Every problem with the input is reported at once and
nothing is written; what the referrer wrote is a governed record (encrypted where the categories are
special), the facts rules run on are kept as data, and a consent given with the referral is recorded
in the same transaction. Triage (accept, return, redirect) is in ``casework.triage``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.audit.services import audit_record
from tutela.casework.kit import Field, IntakeForm, IntakeResult, ServiceKit, Submitter, kit_for, kits
from tutela.casework.kit_checks import PUBLIC_SOURCES
from tutela.casework.models import Referral
from tutela.casework.services import next_reference, received_at
from tutela.casework.triage import redirect_targets, referral_accept, referral_return
from tutela.consent.models import Consent
from tutela.consent.services import consent_give
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person, Relationship, School
from tutela.records.models import Record
from tutela.records.services import Upload, record_create
from tutela.register.api import register

# Answers a consent-carrying form asks for besides its fields (the referral page adds the questions).
CONSENT_GIVEN_BY = "consent_given_by"
CONSENT_EVIDENCE = "consent_evidence"
FAMILY = "family"
__all__ = ["redirect_targets", "referral_accept", "referral_return", "referral_submit"]


def _refuse(reason: str) -> GateDenied:
    return GateDenied(Decision(False, (reason,)))


def submitter_of(*, actor: User, controller: Controller | None, service: str) -> Submitter | None:
    """Who the actor is to the service: a school user, its own staff, another team's, or the public."""
    if actor.school_id is not None:
        return Submitter.SCHOOL
    if actor.controller_id is None:
        return Submitter.PUBLIC
    if controller is None or actor.controller_id != controller.pk:
        return None
    if actor.teams.filter(controller=controller, service=service).exists():
        return Submitter.SERVICE
    return Submitter.OTHER_TEAM


def public_allowed(*, controller: str, service: str) -> bool:
    """The register names parents, carers or young people as a source of the service."""
    return any(source.key in PUBLIC_SOURCES for source in register().service(controller, service).sources)


def service_controller(*, actor: User, service: str) -> Controller | None:
    """The controller a referral goes to: the actor's own, or (for the public) the one whose register
    holds the service."""
    if actor.controller is not None:
        return actor.controller
    return Controller.objects.filter(slug__in=service_controllers(service)).first()


def service_controllers(service: str) -> list[str]:
    """The controllers whose register holds the service."""
    return [key for key, entry in register().registers.items() if any(s.key == service for s in entry.services)]


def may_submit(*, actor: User, controller: Controller | None, service: str, form: IntakeForm) -> Submitter:
    """The actor's kind of submitter, or GateDenied where the form does not take referrals from them."""
    kind = submitter_of(actor=actor, controller=controller, service=service)
    if kind is None or controller is None or controller.slug not in service_controllers(service):
        raise _refuse("only staff of the service's own organisation may refer to it")
    if kind not in form.submitters:
        raise _refuse(f"the form '{form.title}' does not take referrals from {_KIND_WORDS[kind]}")
    if kind == Submitter.PUBLIC and not public_allowed(controller=controller.slug, service=service):
        raise _refuse("the register does not name parents or young people as a source of this service")
    return kind


_KIND_WORDS = {
    Submitter.SCHOOL: "schools",
    Submitter.OTHER_TEAM: "staff of other teams",
    Submitter.SERVICE: "the service's own staff",
    Submitter.PUBLIC: "the public",
}


def _answer_problem(spec: Field, value: Any) -> str | None:
    empty = value is None or (isinstance(value, str) and not value.strip()) or value in ([], ())
    if spec.kind == "bool":
        return None
    if empty:
        if not spec.required:
            return None
        verb = "Choose" if spec.kind in ("choice", "multichoice") else "Enter"
        return f"{verb} {spec.label[0].lower()}{spec.label[1:]}"
    allowed = {key for key, _label in spec.choices}
    if spec.kind == "choice" and value not in allowed:
        return f"Choose {spec.label.lower()} from the list"
    if spec.kind == "multichoice" and not set(value) <= allowed:
        return f"Choose {spec.label.lower()} from the list"
    if spec.kind == "date" and not isinstance(value, date):
        return f"{spec.label} must be a real date"
    if spec.kind == "int" and not isinstance(value, int):
        return f"{spec.label} must be a whole number"
    return None


def _family_problems(form: IntakeForm, child: Person, family: list[Person]) -> dict[str, str]:
    if form.family == "none":
        return {FAMILY: "This form does not name family members"} if family else {}
    if form.family == "required" and not family:
        return {FAMILY: "Choose at least one parent or carer"}
    related = set(Relationship.objects.filter(child=child, ended_on__isnull=True).values_list("person_id", flat=True))
    if any(person.pk not in related for person in family):
        return {FAMILY: "Choose only people recorded as related to the child"}
    if form.family_needs_address and any(not person.address.strip() for person in family):
        return {FAMILY: "Every parent or carer named needs an address: add it on the person's page first"}
    return {}


def _consent_problems(form: IntakeForm, child: Person, family: list[Person], answers: dict[str, Any]) -> dict[str, str]:
    if not form.consent_purpose:
        return {}
    errors = {}
    if _consent_giver(child, family, answers) is None:
        errors[CONSENT_GIVEN_BY] = (
            "Choose who gave consent: a parent or carer named on the referral, or the young person"
        )
    if not str(answers.get(CONSENT_EVIDENCE) or "").strip():
        errors[CONSENT_EVIDENCE] = "Enter the evidence of consent, for example the signed form's reference"
    return errors


def _consent_giver(child: Person, family: list[Person], answers: dict[str, Any]) -> Person | None:
    chosen = str(answers.get(CONSENT_GIVEN_BY) or "")
    return next((person for person in [child, *family] if str(person.pk) == chosen), None)


def input_problems(
    *, actor: User, form: IntakeForm, child: Person, family: list[Person], answers: dict[str, Any]
) -> dict[str, str]:
    """Every problem with the input, by field (the prepare hook's are added by the caller)."""
    errors: dict[str, str] = {}
    if actor.school_id is not None and child.school_id != actor.school_id:
        errors["child"] = "You can only refer a pupil of your school"
    if child.kind != Person.Kind.CHILD:
        errors["child"] = "Choose a child or young person"
    errors |= _family_problems(form, child, family)
    for spec in form.fields:
        problem = _answer_problem(spec, answers.get(spec.key))
        if problem:
            errors[spec.key] = problem
    return errors | _consent_problems(form, child, family, answers)


@dataclass(frozen=True)
class _Submission:
    kit: ServiceKit
    form: IntakeForm
    controller: Controller
    kind: Submitter
    prepared: IntakeResult
    as_of: date


def shown(spec: Field, value: Any) -> str:
    """An answer as the referrer gave it, in words (choice labels, dates as 3 December 2026)."""
    labels = dict(spec.choices)
    if spec.kind == "multichoice":
        return ", ".join(labels.get(item, item) for item in value or ()) or "none"
    if spec.kind == "bool":
        return "Yes" if value else "No"
    if spec.kind == "date" and isinstance(value, str) and value:
        value = date.fromisoformat(value)
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return labels.get(value, str(value or "").strip() or "not given")


def _body(form: IntakeForm, family: list[Person], answers: dict[str, Any]) -> str:
    parts = [f"{spec.label}:\n{shown(spec, answers.get(spec.key))}" for spec in form.fields if spec.content]
    if family:
        names = "; ".join(f"{p.given_name} {p.family_name}" + (f", {p.address}" if p.address else "") for p in family)
        parts.append(f"Parents and carers: {names}")
    return "\n\n".join(parts)


def _data(form: IntakeForm, answers: dict[str, Any], prepared: IntakeResult) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    kept = {spec.key: plain(answers.get(spec.key)) for spec in form.fields if not spec.content}
    return kept | {key: plain(value) for key, value in prepared.data.items()}


def referral_submit(
    *,
    actor: User,
    service: str,
    form: str,
    child: Person,
    family: list[Person],
    answers: dict[str, Any],
    attachments: Sequence[tuple[str, Upload]] = (),
    as_of: date | None = None,
) -> Referral:
    """A referral on one of the service's intake forms, with its record, attachments and any consent."""
    kit = kit_for(service)
    intake = kit.intake_form(form)
    controller = service_controller(actor=actor, service=service)
    kind = may_submit(actor=actor, controller=controller, service=service, form=intake)
    assert controller is not None  # noqa: S101 -- may_submit refuses without one
    as_of = as_of or timezone.localdate()
    errors = input_problems(actor=actor, form=intake, child=child, family=family, answers=answers)
    if attachments and not intake.attachments:
        errors["attachments"] = "This form does not take attachments"
    prepared = IntakeResult()
    if intake.prepare is not None:
        prepared = intake.prepare(child=child, answers=answers, actor=actor, as_of=as_of)
        errors = prepared.errors | errors  # the field's own problem first where both found one
    if errors:
        raise InvalidInput(errors)
    submission = _Submission(kit, intake, controller, kind, prepared, as_of)
    with transaction.atomic():
        return _write(actor, submission, child, family, answers, [*attachments, *prepared.attachments])


def _record_source(actor: User, kind: Submitter) -> str:
    if kind == Submitter.SCHOOL:
        return Record.Source.SCHOOL
    if kind == Submitter.PUBLIC:
        return Record.Source.PARENT
    return Record.Source.OFFICER


def _write(
    actor: User,
    sub: _Submission,
    child: Person,
    family: list[Person],
    answers: dict[str, Any],
    attachments: list[tuple[str, Upload]],
) -> Referral:
    consent = _consent_record(actor, sub, child, family, answers)
    school = actor.school if sub.kind == Submitter.SCHOOL else None
    referrer = school.name if school is not None else actor.get_full_name() or actor.username

    def record(title: str, body: str, upload: Upload | None = None) -> Record:
        return _record(actor, sub, child, school, title, body, upload)

    main = record(f"{sub.form.title}: referral from {referrer}", _body(sub.form, family, answers))
    documents = [record(title, "", upload) for title, upload in attachments]
    data = _data(sub.form, answers, sub.prepared)
    referral = Referral.objects.create(
        reference=next_reference(
            prefix=f"REF-{timezone.now():%Y}-",
            width=5,
            taken=lambda ref: Referral.objects.filter(reference=ref).exists(),
        ),
        controller=sub.controller,
        service=sub.kit.service,
        form=sub.form.key,
        child=child,
        school=school,
        submitter_kind=sub.kind.value,
        data=data,
        record=main,
        consent=consent,
        submitted_by=actor,
        submitted_at=received_at(sub.as_of),
    )
    referral.family.set(family)
    referral.attachments.set(documents)
    audit_record(
        actor=actor,
        action="referral_submit",
        object_type="casework.referral",
        object_id=referral.pk,
        subject_id=child.pk,
        purpose=f"{sub.controller.slug}/{sub.kit.service}/{sub.form.purpose}",
        detail={"form": sub.form.key, "submitter": sub.kind.value},
    )
    return referral


def _record(
    actor: User, sub: _Submission, child: Person, school: School | None, title: str, body: str, upload: Upload | None
) -> Record:
    """One governed record of the referral, for the form's purpose and categories."""
    return record_create(
        actor=actor,
        subject=child,
        controller=sub.controller,
        service=sub.kit.service,
        purpose=sub.form.purpose,
        categories=list(sub.form.categories),
        kind=Record.Kind.DOCUMENT,
        title=title,
        body=body,
        occurred_on=sub.as_of,
        source=_record_source(actor, sub.kind),
        source_school=school,
        upload=upload,
        referral=sub.kind == Submitter.OTHER_TEAM,
    )


def _consent_record(
    actor: User, sub: _Submission, child: Person, family: list[Person], answers: dict[str, Any]
) -> Consent | None:
    """The consent the referral carries, recorded first: the referral's own record may rest on it."""
    if not sub.form.consent_purpose:
        return None
    giver = _consent_giver(child, family, answers)
    assert giver is not None  # noqa: S101 -- checked with the other input
    return consent_give(
        actor=actor,
        subject=child,
        given_by=giver,
        controller=sub.controller,
        service=sub.kit.service,
        purposes=[sub.form.consent_purpose],
        form_reference=str(answers[CONSENT_EVIDENCE]),
        given_on=sub.as_of,
    )


@dataclass(frozen=True)
class IntakeOffer:
    """An intake form the actor may submit, with its service's name from the register."""

    service: str
    service_name: str
    form: IntakeForm


def intake_forms_for(*, actor: User) -> list[IntakeOffer]:
    """The intake forms this actor may submit, across the services of their controller."""
    offers = []
    for kit in kits():
        controller = service_controller(actor=actor, service=kit.service)
        if controller is None:
            continue
        try:
            service = register().service(controller.slug, kit.service)
        except LookupError:
            continue
        for form in kit.intake:
            try:
                may_submit(actor=actor, controller=controller, service=kit.service, form=form)
            except GateDenied:
                continue
            offers.append(IntakeOffer(kit.service, service.name, form))
    return sorted(offers, key=lambda offer: (offer.service_name, offer.form.title))
