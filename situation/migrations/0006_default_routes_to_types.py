"""Each type's city-wide route (a route without a district) becomes its default department."""

from django.db import migrations


def forward(apps, schema_editor):
    route_model = apps.get_model("situation", "DepartmentRoute")
    type_model = apps.get_model("situation", "IncidentType")
    for route in route_model.objects.filter(district__isnull=True):
        type_model.objects.filter(pk=route.incident_type_id).update(
            default_department_id=route.department_id
        )
    route_model.objects.filter(district__isnull=True).delete()


def backward(apps, schema_editor):
    route_model = apps.get_model("situation", "DepartmentRoute")
    for kind in apps.get_model("situation", "IncidentType").objects.filter(
        default_department__isnull=False
    ):
        route_model.objects.create(
            incident_type_id=kind.pk, district=None, department_id=kind.default_department_id
        )


class Migration(migrations.Migration):
    dependencies = [("situation", "0005_incidenttype_default_department")]

    operations = [migrations.RunPython(forward, backward)]
