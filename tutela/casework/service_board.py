"""A service's own dashboard: its teams' caseload and the referrals waiting, and for its managers
the figures, with the service's own pages (ESS's officer's and manager's dashboards) linked."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from tutela.accounts.models import Team, User
from tutela.casework.dashboards import (
    ReferralRow,
    TeamCaseload,
    referral_rows,
    service_name,
    standing,
    teams_caseload,
)
from tutela.casework.figures import ServiceFigures, service_controller, service_figures
from tutela.casework.kit import kit_for
from tutela.casework.referrals import referrals_waiting


@dataclass(frozen=True)
class ServiceBoard:
    service: str
    service_name: str
    teams: list[TeamCaseload]
    referrals: list[ReferralRow]
    figures: ServiceFigures | None
    pages: list[tuple[str, str]]  # the service's own pages: (title, URL)


def service_pages(service: str, *, manager: bool) -> list[tuple[str, str]]:
    """The pages a service's kit names beside the casework ones, those for managers only to them."""
    try:
        named = kit_for(service).pages
    except LookupError:
        return []
    return [(page.title, reverse(page.url_name)) for page in named if manager or not page.managers_only]


def service_board(*, actor: User, service: str, today: date) -> ServiceBoard:
    """For members of a team delivering the service (their teams) and its managers (every team of
    the service); refused to anyone else."""
    controller_id = service_controller(actor=actor, service=service)
    where = standing(actor=actor)
    teams = Team.objects.filter(controller_id=controller_id, service=service).select_related("controller")
    if service not in where.manages:
        teams = teams.filter(members=actor)
    waiting = [referral for referral in referrals_waiting(actor=actor) if referral.service == service]
    controller = actor.controller.slug if actor.controller is not None else ""
    return ServiceBoard(
        service=service,
        service_name=service_name(controller=controller, service=service),
        teams=teams_caseload(teams=list(teams)),
        referrals=referral_rows(waiting, today=today),
        figures=service_figures(actor=actor, service=service, today=today) if service in where.manages else None,
        pages=service_pages(service, manager=service in where.manages),
    )
