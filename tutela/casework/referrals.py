"""Reading referrals through the gate: one referral for its page, the service's waiting list, the
recently triaged, and a school's own. A referral is read as what its intake form holds about the
child, for the form's purpose; the referring school reads back what it sent (source_school)."""

from django.db.models import QuerySet
from django.http import Http404

from tutela.accounts.models import User
from tutela.casework.kit import IntakeForm, kit_for
from tutela.casework.models import Referral
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide, decide_many

RECENT = 50


def referral_form(referral: Referral) -> IntakeForm:
    return kit_for(referral.service).intake_form(referral.form)


def referral_touch(referral: Referral) -> Touch:
    """What a referral's page, the lists and triage touch: what its form holds about the child."""
    form = referral_form(referral)
    return Touch(
        subject=referral.child,
        controller=referral.controller.slug,
        service=referral.service,
        purpose=form.purpose,
        categories=form.categories,
        source_school_id=referral.school_id,  # the referring school needs to know what it sent
        object_type="casework.referral",
        object_id=str(referral.pk),
    )


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related("child", "school", "controller", "case", "submitted_by", "triaged_by")


def referral_for_actor(*, actor: User, referral_id: int) -> Referral:
    """One referral, read through the gate and audited naming the child; 404 if there is none."""
    referral = _base().filter(pk=referral_id).first()
    if referral is None:
        raise Http404("No such referral")
    decision = decide(actor=actor, action=Action.READ, touch=referral_touch(referral))
    if not decision:
        raise GateDenied(decision)
    return referral


def _readable(actor: User, referrals: list[Referral], summary: str) -> list[Referral]:
    """The referrals the gate lets the actor read, decided in one batch with one audit entry."""
    if not referrals:
        return []
    decisions = decide_many(
        actor=actor, action=Action.READ, touches=[referral_touch(r) for r in referrals], summary=summary
    )
    return [referral for referral, decision in zip(referrals, decisions, strict=True) if decision.allowed]


def _service_referrals(actor: User) -> QuerySet[Referral]:
    """The referrals to the services the actor's teams deliver (none for a school user)."""
    if actor.school_id is not None or actor.controller_id is None:
        return Referral.objects.none()
    services = actor.teams.exclude(service="").values_list("service", flat=True)
    return _base().filter(controller_id=actor.controller_id, service__in=list(services))


def referrals_waiting(*, actor: User) -> list[Referral]:
    """Referrals waiting for triage by the services the actor's teams deliver, oldest first."""
    waiting = _service_referrals(actor).filter(status=Referral.Status.SUBMITTED).order_by("submitted_at", "pk")
    return _readable(actor, list(waiting), "referrals waiting")


def referrals_recent(*, actor: User, limit: int = RECENT) -> list[Referral]:
    """The services' referrals already triaged, newest first."""
    triaged = _service_referrals(actor).exclude(status=Referral.Status.SUBMITTED).order_by("-triaged_at", "-pk")
    return _readable(actor, list(triaged[:limit]), "referrals triaged")


def referrals_submitted(*, actor: User) -> list[Referral]:
    """A school user's own school's referrals, to every service, newest first."""
    if actor.school_id is None:
        return []
    mine = _base().filter(school_id=actor.school_id).order_by("-submitted_at", "-pk")
    return _readable(actor, list(mine), "school's referrals")
