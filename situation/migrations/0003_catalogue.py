"""The starting incident catalogue, the city-wide departments and their default routes.

Deployments edit all three in the admin; per-district routes are added there (the demo city adds
some). Severity runs 1 (low) to 4 (critical); SLA hours count from the report.
"""

from django.db import migrations

DEPARTMENTS = [
    # code, uz, ru, en, network
    (
        "water-sewer",
        "Suv ta'minoti va kanalizatsiya xizmati",
        "Служба водоснабжения и канализации",
        "Water and sewerage service",
        "water",
    ),
    ("gas", "Gaz ta'minoti xizmati", "Служба газоснабжения", "Gas service", "gas"),
    ("power", "Elektr tarmoqlari xizmati", "Служба электросетей", "Power grid service", "power"),
    (
        "heating",
        "Issiqlik ta'minoti xizmati",
        "Служба теплоснабжения",
        "District heating service",
        "heating",
    ),
    (
        "roads",
        "Yo'l xo'jaligi boshqarmasi",
        "Управление дорожного хозяйства",
        "Roads department",
        "road",
    ),
    (
        "emergency",
        "Favqulodda vaziyatlar boshqarmasi",
        "Управление по чрезвычайным ситуациям",
        "Emergencies department",
        "",
    ),
    (
        "construction-inspection",
        "Qurilish nazorati inspeksiyasi",
        "Инспекция строительного надзора",
        "Construction inspectorate",
        "",
    ),
    (
        "amenities",
        "Obodonlashtirish boshqarmasi",
        "Управление благоустройства",
        "Public amenities department",
        "",
    ),
]

TYPES = [
    # code, uz, ru, en, group, network, severity, sla_hours, open311, department
    (
        "water_leak",
        "Suv quvuri oqishi",
        "Утечка водопровода",
        "Water main leak",
        "Utilities",
        "water",
        3,
        24,
        True,
        "water-sewer",
    ),
    (
        "no_water",
        "Suv yo'q",
        "Нет воды",
        "No water supply",
        "Utilities",
        "water",
        3,
        12,
        True,
        "water-sewer",
    ),
    (
        "sewer_blockage",
        "Kanalizatsiya tiqilishi",
        "Засор канализации",
        "Sewer blockage",
        "Utilities",
        "sewer",
        3,
        24,
        True,
        "water-sewer",
    ),
    (
        "flooding",
        "Suv bosishi",
        "Подтопление",
        "Flooding",
        "Utilities",
        "sewer",
        3,
        12,
        True,
        "water-sewer",
    ),
    (
        "gas_leak",
        "Gaz hidi yoki sizishi",
        "Запах или утечка газа",
        "Gas smell or leak",
        "Utilities",
        "gas",
        4,
        2,
        True,
        "gas",
    ),
    (
        "power_outage",
        "Elektr uzilishi",
        "Отключение электроэнергии",
        "Power outage",
        "Utilities",
        "power",
        3,
        8,
        True,
        "power",
    ),
    (
        "heating_failure",
        "Isitish nosozligi",
        "Авария теплоснабжения",
        "Heating failure",
        "Utilities",
        "heating",
        3,
        24,
        True,
        "heating",
    ),
    (
        "road_damage",
        "Yo'l shikastlanishi",
        "Повреждение дорожного покрытия",
        "Road damage or pothole",
        "Streets",
        "road",
        2,
        168,
        True,
        "roads",
    ),
    (
        "traffic_light",
        "Svetofor nosozligi",
        "Неисправность светофора",
        "Traffic light fault",
        "Streets",
        "road",
        3,
        6,
        True,
        "roads",
    ),
    (
        "street_light",
        "Ko'cha chirog'i yonmayapti",
        "Не горит уличное освещение",
        "Street light out",
        "Streets",
        "power",
        1,
        72,
        True,
        "power",
    ),
    (
        "fire_safety",
        "Yong'in xavfsizligi buzilishi",
        "Нарушение пожарной безопасности",
        "Fire safety violation",
        "Safety",
        "",
        3,
        48,
        True,
        "emergency",
    ),
    (
        "illegal_construction",
        "Noqonuniy qurilish",
        "Самовольное строительство",
        "Illegal construction",
        "Urban planning",
        "",
        2,
        240,
        True,
        "construction-inspection",
    ),
    (
        "sanitation",
        "Chiqindi olib ketilmagan",
        "Не вывезен мусор",
        "Uncollected waste",
        "Sanitation",
        "",
        2,
        48,
        True,
        "amenities",
    ),
    (
        "dangerous_tree",
        "Xavfli daraxt",
        "Аварийное дерево",
        "Dangerous tree",
        "Sanitation",
        "",
        2,
        72,
        True,
        "amenities",
    ),
    (
        "emergency",
        "Favqulodda vaziyat",
        "Чрезвычайная ситуация",
        "Emergency",
        "Safety",
        "",
        4,
        2,
        False,
        "emergency",
    ),
]


def seed(apps, schema_editor):
    department_model = apps.get_model("situation", "Department")
    type_model = apps.get_model("situation", "IncidentType")
    route_model = apps.get_model("situation", "DepartmentRoute")
    departments = {}
    for code, uz, ru, en, network in DEPARTMENTS:
        departments[code] = department_model.objects.create(
            code=code, name_uz=uz, name_ru=ru, name_en=en, network=network
        )
    for order, row in enumerate(TYPES):
        code, uz, ru, en, group, network, severity, sla, open311, department = row
        incident_type = type_model.objects.create(
            code=code,
            name_uz=uz,
            name_ru=ru,
            name_en=en,
            group=group,
            network=network,
            default_severity=severity,
            sla_hours=sla,
            is_open311=open311,
            sort_order=order,
        )
        route_model.objects.create(
            incident_type=incident_type, district=None, department=departments[department]
        )


def unseed(apps, schema_editor):
    codes = [row[0] for row in TYPES]
    apps.get_model("situation", "DepartmentRoute").objects.filter(
        incident_type__code__in=codes
    ).delete()
    apps.get_model("situation", "IncidentType").objects.filter(code__in=codes).delete()
    apps.get_model("situation", "Department").objects.filter(
        code__in=[row[0] for row in DEPARTMENTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("situation", "0002_event_triggers")]

    operations = [migrations.RunPython(seed, unseed)]
