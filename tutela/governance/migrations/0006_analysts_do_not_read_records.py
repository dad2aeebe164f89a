"""Analysts produce statistics; they do not read individual records."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def analysts(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("governance", "Role").objects.filter(code="analyst").update(reads_records=False)


class Migration(migrations.Migration):
    dependencies = [("governance", "0005_role_reads_records")]

    operations = [migrations.RunPython(analysts, migrations.RunPython.noop)]
