"""Each existing consent covers the one purpose it was given for, and no recipient.

No consent recorded before scopes existed named a recipient, so none can be said to authorise
sharing: sharing that relied on one needs a consent naming the recipient (or, without consent, a
recorded safeguarding reason, DPA 2018 Sch 1 para 18).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    consent_model = apps.get_model("consent", "Consent")
    for consent in consent_model.objects.all().only("pk", "purpose"):
        consent.purposes = [consent.purpose]
        consent.recipients = []
        consent.save(update_fields=["purposes", "recipients"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0003_consent_scope_fields")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
