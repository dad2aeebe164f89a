"""Administrative support staff: Dudley's Education Support Service names them among those who may
handle its records (its register's access_limited_to), so they need a role of their own."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def administrative_support(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("governance", "Role").objects.update_or_create(
        code="administrative-support",
        defaults={
            "name": "Administrative support",
            "description": "Prepares letters, files and case papers for a team's officers.",
            "service_wide_reach": False,
            "reads_records": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("governance", "0009_break_glass_controller_backfill")]

    operations = [migrations.RunPython(administrative_support, migrations.RunPython.noop)]
