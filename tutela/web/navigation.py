"""The service navigation: which sections each role sees.

An item names the permission it needs; roles carry permissions (governance.Role), so the menu
follows the roles held in the database, not a list of role names in code.
"""

from dataclasses import dataclass

from django.urls import reverse

from tutela.governance.models import User
from tutela.register.api import register


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    permission: str | None = None
    staff_only: bool = False
    reads_records: bool = False
    service: str = ""  # shown to teams delivering this service, and to school users (who refer to it)


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "web:home"),
    NavItem("People", "records:people", reads_records=True),
    NavItem("Referrals", "casework:referrals", reads_records=True),
    NavItem("Attendance", "attendance:index", reads_records=True),
    NavItem("Enforcement", "enforcement:dashboard", service="education-support"),
    NavItem("Register", "register:index", permission="register.browse_register"),
    NavItem("Audit log", "audit:log", permission="audit.view_auditentry"),
    NavItem("Agreements", "sharing:agreements", permission="register.browse_register"),
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


def navigation_for(*, user: User, path: str) -> list[dict[str, object]]:
    """The items this user may see, in the shape the GOV.UK service navigation takes."""
    items: list[dict[str, object]] = []
    for item in NAVIGATION:
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
