"""The single purpose column gives way to the consent's scope (purposes and recipients)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consent", "0004_consent_scope_from_purpose")]

    operations = [
        migrations.RemoveIndex(model_name="consent", name="consent_lookup"),
        migrations.RemoveField(model_name="consent", name="purpose"),
        migrations.AddIndex(
            model_name="consent",
            index=models.Index(fields=["subject", "service"], name="consent_subject_service"),
        ),
    ]
