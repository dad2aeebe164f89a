"""Triage of a referral by the service: accept (open a case and allocate it), return with reasons, or
redirect to another service of the controller or a recipient the register names for the service.

Only staff the gate lets update the service's data for the intake form's purpose triage; a school
never does. A referral is triaged once.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import Role, Team, User
from tutela.audit.services import audit_record
from tutela.casework.kit import kit_for
from tutela.casework.models import Case, Referral
from tutela.casework.referrals import referral_touch
from tutela.casework.services import case_open, received_at, task_add
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Decision, decide
from tutela.lib.errors import InvalidInput
from tutela.records.models import Record
from tutela.register.api import register

FIRST_CONTACT_DAYS = 10


def triage_refusal(*, actor: User, referral: Referral) -> str:
    """Why the actor may not triage the referral, or "" if their role lets them (the gate decides the rest)."""
    if actor.school_id is not None:
        return "a school cannot triage referrals"
    wanted = kit_for(referral.service).triaged_by
    if wanted and not actor.roles.filter(code__in=wanted).exists():
        names = Role.objects.filter(code__in=wanted).order_by("name").values_list("name", flat=True)
        return f"only the {' or the '.join(name.lower() for name in names)} triages this service's referrals"
    return ""


def _may_triage(actor: User, referral: Referral) -> None:
    refusal = triage_refusal(actor=actor, referral=referral)
    if refusal:
        raise GateDenied(Decision(False, (refusal,), subject_id=referral.child_id))
    decision = decide(actor=actor, action=Action.UPDATE, touch=referral_touch(referral))
    if not decision:
        raise GateDenied(decision)


def _not_triaged(referral: Referral) -> None:
    if referral.status != Referral.Status.SUBMITTED:
        raise InvalidInput({"outcome": f"This referral has already been {referral.get_status_display().lower()}"})


def _triaged(actor: User, referral: Referral, status: str, reason: str) -> None:
    referral.status = status
    referral.triaged_by = actor
    referral.triaged_at = timezone.now()
    referral.triage_reason = reason.strip()


def referral_accept(
    *,
    actor: User,
    referral: Referral,
    team: Team,
    allocate_to: User | None,
    note: str = "",
    accepted_on: date | None = None,
) -> Case:
    """Open the case from the referral, allocated, with the referral's records on it and a first task.

    ``accepted_on`` is the day the decision was taken where it is entered later (today if not given):
    the case opens then and the first contact falls due from then."""
    _may_triage(actor, referral)
    _not_triaged(referral)
    if allocate_to is not None and not allocate_to.teams.filter(pk=team.pk).exists():
        raise InvalidInput({"allocate_to": "Allocate the case to a member of the owning team"})
    accepted_on = accepted_on or timezone.localdate()
    if not timezone.localdate(referral.submitted_at) <= accepted_on <= timezone.localdate():
        raise InvalidInput({"accepted_on": "The date of acceptance must be between the referral's arrival and today"})
    kit = kit_for(referral.service)
    form = kit.intake_form(referral.form)
    with transaction.atomic():
        case = case_open(
            actor=actor,
            controller=referral.controller,
            service=referral.service,
            child=referral.child,
            team=team,
            family=list(referral.family.all()),
            allocated_worker=allocate_to,
            stage=form.opening_stage or kit.stages[0].key,
            opened_at=received_at(accepted_on),
        )
        Record.objects.filter(pk__in=[referral.record_id, *referral.attachments.values_list("pk", flat=True)]).update(
            case=case
        )
        _triaged(actor, referral, Referral.Status.ACCEPTED, note)
        referral.case = case
        referral.save()
        task_add(
            actor=actor,
            case=case,
            title=f"Read referral {referral.reference} and make first contact with the family",
            due_on=accepted_on + timedelta(days=FIRST_CONTACT_DAYS),
            assigned_to=allocate_to,
            kind="referral-accepted",
            about=f"referral:{referral.pk}",
            set_at=case.opened_at,
        )
        audit_record(
            actor=actor,
            action="referral_accept",
            object_type="casework.referral",
            object_id=referral.pk,
            subject_id=referral.child_id,
            detail={"case": case.reference},
        )
    return case


def redirect_targets(referral: Referral) -> dict[str, str]:
    """Where a referral may be redirected: the controller's other services and the service's
    recipients, by key, with the register's names."""
    controller = register().controller(referral.controller.slug)
    targets = {s.key: s.name for s in controller.services if s.key != referral.service and not s.retired}
    service = register().service(referral.controller.slug, referral.service)
    targets |= {r.key: r.name for r in service.recipients if not r.retired}
    return targets


def referral_return(*, actor: User, referral: Referral, reason: str, redirect_to: str = "") -> Referral:
    """Send a referral back to the referrer with reasons, or on to a service or recipient the register names."""
    _may_triage(actor, referral)
    _not_triaged(referral)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Give the referrer your reasons"
    if redirect_to and redirect_to not in redirect_targets(referral):
        errors["redirect_to"] = "Choose a service or recipient the register names"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        _triaged(actor, referral, Referral.Status.REDIRECTED if redirect_to else Referral.Status.RETURNED, reason)
        referral.redirected_to = redirect_to
        referral.save()
        audit_record(
            actor=actor,
            action="referral_redirect" if redirect_to else "referral_return",
            object_type="casework.referral",
            object_id=referral.pk,
            subject_id=referral.child_id,
            reason=reason.strip(),
            detail={"redirected_to": redirect_to} if redirect_to else None,
        )
    return referral
