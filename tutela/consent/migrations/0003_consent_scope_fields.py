"""A consent records the purposes and recipients it covers (its scope)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="consent",
            name="purposes",
            field=models.JSONField(default=list, help_text="Keys of the register purposes the consent covers."),
        ),
        migrations.AddField(
            model_name="consent",
            name="recipients",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Keys of the register recipients it may be shared with; none if empty.",
            ),
        ),
    ]
