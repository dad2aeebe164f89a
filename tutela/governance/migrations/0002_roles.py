"""The roles of Tutela's users, with the permissions each needs (roles are data)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# code, name, description, service-wide reach, permissions ("app_label.codename")
ROLES = [
    ("caseworker", "Caseworker", "Works the cases allocated to them and their team.", False, []),
    ("team-manager", "Team manager", "Allocates and oversees the team's cases; approves decisions.", True, []),
    ("safeguarding-lead", "Designated safeguarding lead", "Leads safeguarding in a school or service.", True, []),
    ("pastoral-staff", "Pastoral staff", "Supports pupils' welfare in a school.", False, []),
    ("headteacher", "Headteacher", "Leads a school; sees its safeguarding and SEN records.", True, []),
    (
        "ig-officer",
        "Information governance officer",
        "Keeps the register, handles requests from data subjects and reviews access.",
        False,
        ["audit.view_auditentry"],
    ),
    (
        "dpo",
        "Data protection officer",
        "Oversees compliance, reviews break-glass access and breaches.",
        False,
        ["audit.view_auditentry"],
    ),
    ("analyst", "Analyst", "Produces statistics that identify nobody.", False, []),
    (
        "school-user",
        "School user",
        "School staff member who submits referrals and data to the local authority.",
        False,
        [],
    ),
    ("administrator", "Administrator", "Manages user accounts, teams and roles.", False, []),
]


def add_roles(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Permissions are normally created after all migrations; create them now so roles can hold them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    role_model = apps.get_model("governance", "Role")
    permission_model = apps.get_model("auth", "Permission")
    for code, name, description, service_wide, permissions in ROLES:
        role, _ = role_model.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "service_wide_reach": service_wide}
        )
        for label in permissions:
            app_label, codename = label.split(".")
            role.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("audit", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
