"""The administrator role gets the model permissions Administration needs (roles are data).

Without them an administrator opened Administration to "You don't have permission to view or edit
anything". What each permission reaches is scoped to the administrator's own controller in
governance.admin and attendance.admin; role definitions are shared by every controller, so an
administrator may view and assign roles but not change what a role permits (only a superuser may).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

ADMINISTRATOR_PERMISSIONS = [
    # Accounts: invited and disabled, never deleted (their audit entries and records name them).
    "governance.view_user",
    "governance.add_user",
    "governance.change_user",
    "governance.view_team",
    "governance.add_team",
    "governance.change_team",
    "governance.delete_team",
    "governance.view_role",
    # Their own controller's settings: only its two-factor roles are editable (governance.admin).
    "governance.view_controller",
    "governance.change_controller",
    "attendance.view_schoolcalendar",
    "attendance.add_schoolcalendar",
    "attendance.change_schoolcalendar",
    "attendance.delete_schoolcalendar",
    "attendance.view_calendarperiod",
    "attendance.add_calendarperiod",
    "attendance.change_calendarperiod",
    "attendance.delete_calendarperiod",
]


def grant(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Permissions are normally created after all migrations; create them now so the role can hold them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    role = apps.get_model("governance", "Role").objects.filter(code="administrator").first()
    if role is None:
        return
    permission_model = apps.get_model("auth", "Permission")
    for label in ADMINISTRATOR_PERMISSIONS:
        app_label, codename = label.split(".")
        role.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    role = apps.get_model("governance", "Role").objects.filter(code="administrator").first()
    if role is None:
        return
    permission_model = apps.get_model("auth", "Permission")
    for label in ADMINISTRATOR_PERMISSIONS:
        app_label, codename = label.split(".")
        role.permissions.remove(*permission_model.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0010_administrative_support_role"),
        ("attendance", "0003_calendars"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
