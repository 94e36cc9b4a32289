"""The starting incident catalogue, restored where it is missing.

The catalogue is seeded by migration 0003_catalogue; its rows are data, and a database emptied
wholesale (a test database flushed after a live-server test, TRUNCATE ... CASCADE) loses them.
`catalogue_ensure` puts back the departments and types that are missing, from the same lists
the migration seeds, and leaves every existing row as a deployment edited it.
"""

from importlib import import_module

from django.db import transaction

from situation.models import Department, IncidentType

_SEED = import_module("situation.migrations.0003_catalogue")


@transaction.atomic
def catalogue_ensure() -> int:
    """Create the seeded departments and incident types that do not exist; how many were made."""
    made = 0
    departments: dict[str, Department] = {}
    for code, name_uz, name_ru, name_en, network in _SEED.DEPARTMENTS:
        department, created = Department.objects.get_or_create(
            code=code,
            defaults={
                "name_uz": name_uz,
                "name_ru": name_ru,
                "name_en": name_en,
                "network": network,
            },
        )
        departments[code] = department
        made += created
    for order, row in enumerate(_SEED.TYPES):
        code, name_uz, name_ru, name_en, group, network, severity, sla, open311, department = row
        _, created = IncidentType.objects.get_or_create(
            code=code,
            defaults={
                "name_uz": name_uz,
                "name_ru": name_ru,
                "name_en": name_en,
                "group": group,
                "network": network,
                "default_severity": severity,
                "sla_hours": sla,
                "is_open311": open311,
                "sort_order": order,
                "default_department": departments[department],
            },
        )
        made += created
    return made
