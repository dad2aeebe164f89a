"""The DPO reviews break-glass access."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def grant(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create_permissions(global_apps.get_app_config("governance"), verbosity=0, apps=apps)
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="governance", codename="review_break_glass"
    )
    apps.get_model("governance", "Role").objects.get(code="dpo").permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_break_glass")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
