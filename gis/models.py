"""Administrative areas, infrastructure networks and street cameras."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.indexes import GistIndex
from django.db.models import Q

SRID = settings.MAKON_SRID


def valid_geometry_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(geom__isvalid=True) & Q(geom__isempty=False), name=name
    )


class AdminArea(models.Model):
    """City, district (tuman), mahalla or cadastral block: each level nests in the one above."""

    class Level(models.TextChoices):
        CITY = "city", "City"
        DISTRICT = "district", "District (tuman)"
        MAHALLA = "mahalla", "Mahalla"
        BLOCK = "block", "Cadastral block"

    level = models.CharField(max_length=16, choices=Level.choices)
    code = models.CharField(
        max_length=32,
        unique=True,
        help_text="Official code; for a block, the first five groups of its cadastral numbers.",
    )
    name_uz = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    geom = models.MultiPolygonField(srid=SRID)
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.MultiPolygonField(srid=3857),
        db_persist=True,
    )
    source_ref = models.CharField(max_length=100, blank=True, help_text="Id in the source file.")

    class Meta:
        ordering = ["level", "code"]
        indexes = [
            GistIndex(fields=["geom_3857"], name="adminarea_geom_3857_gist"),
            models.Index(fields=["level", "code"], name="adminarea_level_code_idx"),
        ]
        constraints = [
            valid_geometry_check("adminarea_geom_valid"),
            models.CheckConstraint(
                condition=Q(level="city", parent__isnull=True)
                | (~Q(level="city") & Q(parent__isnull=False)),
                name="adminarea_only_city_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.name_uz} ({self.code})"


class Network(models.TextChoices):
    WATER = "water", "Water supply"
    SEWER = "sewer", "Sewerage"
    GAS = "gas", "Gas"
    POWER = "power", "Power"
    HEATING = "heating", "District heating"
    ROAD = "road", "Road"
    TELECOM = "telecom", "Telecom"


class AssetStatus(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    UNDER_REPAIR = "under_repair", "Under repair"
    PLANNED = "planned", "Planned"
    ABANDONED = "abandoned", "Abandoned"


class InfrastructureSegment(models.Model):
    """One stretch of a network between two nodes (a pipe, a cable, a road section)."""

    network = models.CharField(max_length=16, choices=Network.choices)
    name = models.CharField(max_length=200, blank=True, help_text="Street or line name.")
    owner_body = models.CharField(max_length=200, blank=True, help_text="Operating organisation.")
    status = models.CharField(
        max_length=16, choices=AssetStatus.choices, default=AssetStatus.OPERATIONAL
    )
    diameter_mm = models.PositiveIntegerField(null=True, blank=True)
    material = models.CharField(max_length=50, blank=True)
    geom = models.LineStringField(srid=SRID)
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.LineStringField(srid=3857),
        db_persist=True,
    )
    source_ref = models.CharField(max_length=100, blank=True, help_text="Id in the source file.")

    class Meta:
        indexes = [
            GistIndex(fields=["geom_3857"], name="infraseg_geom_3857_gist"),
            models.Index(fields=["network"], name="infraseg_network_idx"),
        ]
        constraints = [valid_geometry_check("infraseg_geom_valid")]

    def __str__(self) -> str:
        return f"{self.get_network_display()} segment {self.pk}"


class InfrastructureNode(models.Model):
    """A point of a network: valve, hydrant, manhole, substation, transformer, pump."""

    class Kind(models.TextChoices):
        VALVE = "valve", "Valve"
        HYDRANT = "hydrant", "Fire hydrant"
        MANHOLE = "manhole", "Manhole"
        SUBSTATION = "substation", "Substation"
        TRANSFORMER = "transformer", "Transformer"
        PUMP = "pump", "Pump station"
        JUNCTION = "junction", "Junction"

    network = models.CharField(max_length=16, choices=Network.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(
        max_length=16, choices=AssetStatus.choices, default=AssetStatus.OPERATIONAL
    )
    geom = models.PointField(srid=SRID)
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.PointField(srid=3857),
        db_persist=True,
    )
    source_ref = models.CharField(max_length=100, blank=True, help_text="Id in the source file.")

    class Meta:
        indexes = [GistIndex(fields=["geom_3857"], name="infranode_geom_3857_gist")]
        constraints = [valid_geometry_check("infranode_geom_valid")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_network_display()}) {self.pk}"


class Camera(models.Model):
    """A street camera: where it stands, where it looks, how wide and how far it sees."""

    class Kind(models.TextChoices):
        FIXED = "fixed", "Fixed"
        DOME = "dome", "Dome"
        PTZ = "ptz", "Pan-tilt-zoom"
        ANPR = "anpr", "Number-plate recognition"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        OFFLINE = "offline", "Offline"
        MAINTENANCE = "maintenance", "Maintenance"

    name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.FIXED)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    direction_deg = models.FloatField(
        null=True, blank=True, help_text="Compass bearing the camera faces, 0 = north, clockwise."
    )
    field_of_view_deg = models.FloatField(
        null=True, blank=True, help_text="Horizontal opening angle; 360 for a dome."
    )
    range_m = models.FloatField(null=True, blank=True, help_text="How far it usefully sees.")
    stream_ref = models.CharField(
        max_length=300, blank=True, help_text="Video stream reference; never public."
    )
    geom = models.PointField(srid=SRID)
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.PointField(srid=3857),
        db_persist=True,
    )
    source_ref = models.CharField(max_length=100, blank=True, help_text="Id in the source file.")

    class Meta:
        indexes = [GistIndex(fields=["geom_3857"], name="camera_geom_3857_gist")]
        constraints = [
            valid_geometry_check("camera_geom_valid"),
            models.CheckConstraint(
                condition=Q(direction_deg__isnull=True)
                | Q(direction_deg__gte=0, direction_deg__lt=360),
                name="camera_direction_in_range",
            ),
            models.CheckConstraint(
                condition=Q(field_of_view_deg__isnull=True)
                | Q(field_of_view_deg__gt=0, field_of_view_deg__lte=360),
                name="camera_field_of_view_in_range",
            ),
            models.CheckConstraint(
                condition=Q(range_m__isnull=True) | Q(range_m__gt=0, range_m__lte=5000),
                name="camera_range_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"Camera {self.pk}"
