"""HAND-WRITTEN MIGRATION: the roles of Tutela's users, with the permissions each needs (roles are data).

The roles and their permissions are defined in tutela.accounts.roles; this writes them into a new
database. It depends on the last initial migration of every app whose permissions a role holds.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from tutela.accounts.roles import roles_install


def add_roles(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Permissions are normally created after all migrations; create them now so roles can hold them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    roles_install(role_model=apps.get_model("accounts", "Role"), permission_model=apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("attendance", "0001_initial"),
        ("audit", "0001_initial"),
        ("governance", "0001_initial"),
        ("scheduling", "0001_initial"),
        ("sharing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
