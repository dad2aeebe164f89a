"""Earlier grants go to their actor's controller's DPO for review; with no service named they open nothing."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import OuterRef, Subquery


def backfill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    grant_model = apps.get_model("governance", "BreakGlassGrant")
    actor_controller = apps.get_model("governance", "User").objects.filter(pk=OuterRef("actor_id"))
    grant_model.objects.filter(controller__isnull=True).update(
        controller_id=Subquery(actor_controller.values("controller_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("governance", "0008_break_glass_controller_and_review_outcome")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
