"""Information-governance officers and DPOs may browse and export the register."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

GRANTS = {"ig-officer": ["browse_register", "export_register"], "dpo": ["browse_register", "export_register"]}


def grant(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create_permissions(global_apps.get_app_config("register"), verbosity=0, apps=apps)
    role_model = apps.get_model("governance", "Role")
    permission_model = apps.get_model("auth", "Permission")
    for code, codenames in GRANTS.items():
        role = role_model.objects.get(code=code)
        for codename in codenames:
            role.permissions.add(permission_model.objects.get(content_type__app_label="register", codename=codename))


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial"), ("governance", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
