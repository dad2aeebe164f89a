"""Administrators may see the scheduled jobs and their runs (read-only pages under Administration)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

PERMISSIONS = ("view_scheduledjob", "view_scheduledrun")


def administrators_see_scheduled_work(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Permissions are normally created after all migrations; create them now so the role can hold them.
    create_permissions(global_apps.get_app_config("scheduling"), verbosity=0, apps=apps)
    role = apps.get_model("governance", "Role").objects.filter(code="administrator").first()
    if role is None:
        return
    permission_model = apps.get_model("auth", "Permission")
    role.permissions.add(
        *permission_model.objects.filter(content_type__app_label="scheduling", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("governance", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(administrators_see_scheduled_work, migrations.RunPython.noop)]
