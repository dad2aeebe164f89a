"""HAND-WRITTEN MIGRATION: the disclosure log is append-only inside PostgreSQL.

(That team managers approve disclosures is in the roles: tutela.accounts.roles.)
"""

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


class Migration(migrations.Migration):
    dependencies = [("sharing", "0001_initial")]

    operations = [
        migrations.RunPython(_on_postgresql(_CREATE), _on_postgresql(_DROP)),
    ]
