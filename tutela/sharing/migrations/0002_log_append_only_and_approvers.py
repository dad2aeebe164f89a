"""The disclosure log is append-only inside PostgreSQL; team managers approve disclosures."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

_CREATE = """
CREATE OR REPLACE FUNCTION disclosure_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'the disclosure log is append-only: ' || TG_OP || ' is refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER disclosure_log_append_only
    BEFORE UPDATE OR DELETE ON sharing_disclosurelogentry
    FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change();
"""
_DROP = """
DROP TRIGGER IF EXISTS disclosure_log_append_only ON sharing_disclosurelogentry;
DROP FUNCTION IF EXISTS disclosure_log_refuse_change();
"""


def _on_postgresql(sql: str):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def approvers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create_permissions(global_apps.get_app_config("sharing"), verbosity=0, apps=apps)
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="sharing", codename="approve_disclosure"
    )
    apps.get_model("governance", "Role").objects.get(code="team-manager").permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0001_initial"), ("governance", "0006_analysts_do_not_read_records")]

    operations = [
        migrations.RunPython(_on_postgresql(_CREATE), _on_postgresql(_DROP)),
        migrations.RunPython(approvers, migrations.RunPython.noop),
    ]
