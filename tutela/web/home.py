"""What the home page shows each user: their work first, with what to do next.

Workers see their cases and tasks, their teams' caseload and the referrals waiting; managers their
services' figures, each linking to the cases behind it; school users the referrals their school
made and how to refer a pupil; the DPO and IG staff the reviews waiting; everyone what else they
can do, so that nobody lands on an empty page. Whatever names a child is read through the gate in
the casework selectors.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from tutela.accounts.models import User
from tutela.casework import links
from tutela.casework.dashboards import (
    MyWork,
    ReferralRow,
    TeamCaseload,
    my_work,
    referral_rows,
    service_name,
    standing,
    teams_caseload,
)
from tutela.casework.figures import ServiceFigures, service_figures
from tutela.casework.referrals import referrals_submitted, referrals_waiting
from tutela.governance.selectors import break_glass_queue
from tutela.sharing.selectors import disclosures_without_consent_to_review
from tutela.web.navigation import navigation_for


@dataclass(frozen=True)
class Action:
    text: str
    href: str
    count: int | None = None  # things waiting there, where it is a queue


@dataclass
class Home:
    work: MyWork | None = None
    teams: list[TeamCaseload] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    several_services: bool = False
    services: list[Action] = field(default_factory=list)
    figures: list[ServiceFigures] = field(default_factory=list)
    school_referrals: list[ReferralRow] | None = None
    refer_url: str = ""
    reviews: list[Action] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def _casework(home: Home, user: User, today: date) -> None:
    where = standing(actor=user)
    controller = user.controller.slug if user.controller is not None else ""
    work = my_work(user=user, today=today)
    if where.services or work.cases or work.tasks.count:
        home.work = work
    if not where.services:
        return
    teams = [team for team in user.teams.select_related("controller") if team.service in where.services]
    home.teams = teams_caseload(teams=teams)
    home.referrals = referral_rows(referrals_waiting(actor=user), today=today)
    home.several_services = len(where.services) > 1
    home.services = [
        Action(service_name(controller=controller, service=service), reverse("casework:service", args=[service]))
        for service in sorted(where.services)
    ]
    home.figures = [service_figures(actor=user, service=service, today=today) for service in sorted(where.manages)]


def _reviews(home: Home, user: User) -> None:
    if not user.has_perm("governance.review_break_glass"):
        return
    home.reviews = [
        Action(
            "Review emergency (break-glass) access",
            reverse("records:break_glass_queue"),
            break_glass_queue(reviewer=user).count(),
        ),
        Action(
            "Review sharing without consent",
            reverse("sharing:reviews"),
            disclosures_without_consent_to_review(reviewer=user).count(),
        ),
    ]


# What each section of the site lets its users do, in words (the navigation names the sections). The
# words never contain a section's own name: a link is found by its name, in a browser test as by a
# screen reader user, and two links of one name on a page are ambiguous.
WHAT_YOU_CAN_DO = {
    "records:people": "Find a child, young person or family you work with",
    "attendance:index": "See pupils' marks and absence",
    "enforcement:dashboard": "Issue penalty notices and take prosecutions forward (Education Support Service)",
    "register:index": "Browse what each service records and why",
    "audit:log": "See who did what, to whom and why",
    "sharing:agreements": "See whom each service shares with, and on what terms",
    "admin:index": "Manage your organisation's users, teams, roles and school calendars",
}


def _actions(user: User, path: str) -> list[Action]:
    hrefs = {reverse(name): text for name, text in WHAT_YOU_CAN_DO.items()}
    found = [
        Action(hrefs[str(item["href"])], str(item["href"]))
        for item in navigation_for(user=user, path=path)
        if str(item["href"]) in hrefs
    ]
    found.append(Action("Read the privacy notices of every service", reverse("register:privacy_index")))
    return found


def home_for(*, user: User, today: date, path: str = "/") -> Home:
    home = Home()
    _casework(home, user, today)
    if user.school_id is not None:
        home.school_referrals = referral_rows(referrals_submitted(actor=user), today=today)
        home.refer_url = links.refer_url()
    _reviews(home, user)
    home.actions = _actions(user, path)
    return home
