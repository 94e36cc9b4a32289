import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("citygis", "0001_initial"),
        ("situation", "0006_default_routes_to_types"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="departmentroute",
            name="departmentroute_one_default",
        ),
        migrations.AlterField(
            model_name="departmentroute",
            name="district",
            field=models.ForeignKey(
                limit_choices_to={"level": "district"},
                on_delete=django.db.models.deletion.CASCADE,
                related_name="department_routes",
                to="citygis.adminarea",
            ),
        ),
    ]
