"""Give every existing audit entry its controller, as new entries get it (audit.services).

The controller named first in the entry's purpose (``controller/service/purpose``), else the
actor's. Only the new column changes, never a hashed field, so the chain still verifies; on
PostgreSQL the append-only trigger is lifted for this one statement inside the migration's
transaction and put back before it commits.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import OuterRef, Subquery

_TRIGGER = "audit_entry_append_only"


def backfill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    entry_model = apps.get_model("audit", "AuditEntry")
    controller_model = apps.get_model("governance", "Controller")
    user_model = apps.get_model("governance", "User")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        # Foreign keys are checked at once, not at commit, so no trigger event is pending when the
        # append-only trigger is put back (PostgreSQL refuses ALTER TABLE while one is).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {_TRIGGER}")
    for slug, pk in controller_model.objects.values_list("slug", "pk"):
        entry_model.objects.filter(controller__isnull=True, purpose__startswith=f"{slug}/").update(controller_id=pk)
    actor_controller = user_model.objects.filter(pk=OuterRef("actor_id")).values("controller_id")[:1]
    entry_model.objects.filter(controller__isnull=True, actor__isnull=False).update(
        controller_id=Subquery(actor_controller)
    )
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {_TRIGGER}")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_auditentry_controller")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
