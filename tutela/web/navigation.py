"""The service navigation: which sections each role sees.

An item names the permission it needs; roles carry permissions (accounts.Role), so the menu
follows the roles held in the database, not a list of role names in code.
"""

from dataclasses import dataclass

from django.urls import reverse

from tutela.accounts.models import User
from tutela.casework.dashboards import standing
from tutela.register.api import register


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    permission: str | None = None
    staff_only: bool = False
    reads_records: bool = False
    service: str = ""  # shown to teams delivering this service, and to school users (who refer to it)
    per_service: bool = False  # one item for each service the user's teams deliver, at its URL


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "web:home"),
    NavItem("Cases", "casework:service", per_service=True),
    NavItem("People", "records:people", reads_records=True),
    NavItem("Referrals", "casework:referrals", reads_records=True),
    NavItem("Attendance", "attendance:index", reads_records=True),
    NavItem("Enforcement", "enforcement:dashboard", service="education-support"),
    NavItem("Register", "register:index", permission="governance.browse_register"),
    NavItem("Audit log", "audit:log", permission="audit.view_auditentry"),
    NavItem("Agreements", "sharing:agreements", permission="governance.browse_register"),
    NavItem("Break-glass reviews", "records:break_glass_queue", permission="governance.review_break_glass"),
    NavItem("Sharing reviews", "sharing:reviews", permission="governance.review_break_glass"),
    NavItem("Administration", "admin:index", staff_only=True),
)


def _takes_part(user: User, service: str) -> bool:
    """In a team delivering the service, or a school user of a controller that runs it."""
    if user.teams.filter(service=service).exists():
        return True
    if not user.school_id or user.controller is None:
        return False
    try:
        register().service(user.controller.slug, service)
    except LookupError:
        return False
    return True


def _team_services(user: User) -> list[tuple[str, str]]:
    """(service, its name) for each service the user works in (casework's ``standing``: a team
    delivering it, a role that reads records; never a school user)."""
    if user.school_id or user.controller is None:
        return []
    found = sorted(standing(actor=user).services)
    named = []
    for service in found:
        try:
            named.append((service, register().service(user.controller.slug, service).name))
        except LookupError:
            continue
    return named


def _per_service(item: NavItem, user: User) -> list[tuple[str, str]]:
    """(text, href) of a per-service item: "Cases" for a user of one service, else each service's name."""
    services = _team_services(user)
    return [
        (item.text if len(services) == 1 else name, reverse(item.url_name, args=[service]))
        for service, name in services
    ]


def navigation_for(*, user: User, path: str) -> list[dict[str, object]]:
    """The items this user may see, in the shape the GOV.UK service navigation takes."""
    items: list[dict[str, object]] = []
    for item in NAVIGATION:
        if item.per_service:
            items += [
                {"text": text, "href": href, "active": path.startswith(href)} for text, href in _per_service(item, user)
            ]
            continue
        if item.staff_only and not user.is_staff:
            continue
        if item.permission and not user.has_perm(item.permission):
            continue
        if item.reads_records and not (user.teams.exists() or user.school_id):
            continue
        if item.service and not _takes_part(user, item.service):
            continue
        href = reverse(item.url_name)
        active = path == href if href == "/" else path.startswith(href)
        items.append({"text": item.text, "href": href, "active": active})
    return items
