"""Helpers the consent page tests share: a consent given and the EC purpose that rests on it."""

from datetime import date
from typing import Any

from django.utils import timezone

from tutela.consent.models import Consent
from tutela.consent.services import consent_give
from tutela.governance.gate import Touch

EC = "engagement-centres"
RESTS_ON_CONSENT = "parental-consent"


def given(world: Any, casework: Any, *, on: date | None = None) -> Consent:
    return consent_give(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service=EC,
        purposes=[RESTS_ON_CONSENT],
        form_reference="EC-CONSENT-7",
        given_on=on or timezone.localdate(),
    )


def consent_touch(casework: Any) -> Touch:
    """Using the child's case file for the purpose that rests on the engagement centre consent."""
    case = casework.case
    return Touch(
        subject=casework.child,
        controller="wigan",
        service=EC,
        purpose=RESTS_ON_CONSENT,
        categories=("child.identity.name", "child.support.case-records"),
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
    )


def date_boxes(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
