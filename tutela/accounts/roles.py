"""The roles of Tutela's users and the permissions each holds (roles are data, kept in the database).

This table is what the roles migration writes into a new database; it is also what running code
and tests may read to know the roles exist. After a database is deployed, a change here needs a new
data migration that applies it (``roles_install`` is safe to call again: it only adds).
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: str
    description: str
    service_wide_reach: bool = False
    reads_records: bool = True
    # "app_label.codename" of each Django permission the role holds
    permissions: tuple[str, ...] = field(default=())


# Who reviews access and browses the register (ig-officer and DPO).
_OVERSIGHT = ("audit.view_auditentry", "governance.browse_register", "governance.export_register")

# What Administration needs: accounts are invited and disabled, never deleted (their audit entries
# and records name them); of their own controller only the two-factor roles are editable
# (governance.admin); role definitions are shared by every controller, so an administrator may view
# and assign roles but not change what a role permits (only a superuser may).
ADMINISTRATOR_PERMISSIONS = (
    "accounts.view_user",
    "accounts.add_user",
    "accounts.change_user",
    "accounts.view_team",
    "accounts.add_team",
    "accounts.change_team",
    "accounts.delete_team",
    "accounts.view_role",
    "accounts.view_controller",
    "accounts.change_controller",
    "attendance.view_schoolcalendar",
    "attendance.add_schoolcalendar",
    "attendance.change_schoolcalendar",
    "attendance.delete_schoolcalendar",
    "attendance.view_calendarperiod",
    "attendance.add_calendarperiod",
    "attendance.change_calendarperiod",
    "attendance.delete_calendarperiod",
    # the scheduled jobs and their runs (read-only pages under Administration)
    "scheduling.view_scheduledjob",
    "scheduling.view_scheduledrun",
)

ROLES = (
    RoleSpec("caseworker", "Caseworker", "Works the cases allocated to them and their team."),
    RoleSpec(
        "team-manager",
        "Team manager",
        "Allocates and oversees the team's cases; approves decisions.",
        service_wide_reach=True,
        permissions=("sharing.approve_disclosure",),
    ),
    RoleSpec(
        "safeguarding-lead",
        "Designated safeguarding lead",
        "Leads safeguarding in a school or service.",
        service_wide_reach=True,
    ),
    RoleSpec("pastoral-staff", "Pastoral staff", "Supports pupils' welfare in a school."),
    RoleSpec(
        "headteacher", "Headteacher", "Leads a school; sees its safeguarding and SEN records.", service_wide_reach=True
    ),
    RoleSpec(
        "ig-officer",
        "Information governance officer",
        "Keeps the register, handles requests from data subjects and reviews access.",
        permissions=_OVERSIGHT,
    ),
    RoleSpec(
        "dpo",
        "Data protection officer",
        "Oversees compliance, reviews break-glass access and breaches.",
        permissions=(*_OVERSIGHT, "governance.review_break_glass"),
    ),
    # Analysts produce statistics; they do not read individual records.
    RoleSpec("analyst", "Analyst", "Produces statistics that identify nobody.", reads_records=False),
    RoleSpec(
        "school-user", "School user", "School staff member who submits referrals and data to the local authority."
    ),
    RoleSpec(
        "administrator",
        "Administrator",
        "Manages user accounts, teams and roles.",
        permissions=ADMINISTRATOR_PERMISSIONS,
    ),
    # Dudley's Education Support Service names administrative support staff among those who may
    # handle its records (its register's access_limited_to), so they need a role of their own.
    RoleSpec(
        "administrative-support",
        "Administrative support",
        "Prepares letters, files and case papers for a team's officers.",
    ),
)


def roles_install(*, role_model: Any, permission_model: Any) -> None:
    """Create or update every role and add its permissions (the models are passed in so that a
    migration can call it with its historical models). Permissions must exist already."""
    for spec in ROLES:
        role, _ = role_model.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "service_wide_reach": spec.service_wide_reach,
                "reads_records": spec.reads_records,
            },
        )
        for label in spec.permissions:
            app_label, codename = label.split(".")
            role.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))
