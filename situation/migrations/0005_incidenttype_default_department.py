import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("situation", "0004_appeal_triage_comment")]

    operations = [
        migrations.AddField(
            model_name="incidenttype",
            name="default_department",
            field=models.ForeignKey(
                blank=True,
                help_text="Handles this type wherever no district route names another department.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="default_for_types",
                to="situation.department",
            ),
        ),
    ]
