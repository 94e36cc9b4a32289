"""The situation centre: incidents, the events that are their history, and citizens' appeals.

An incident is what the city acts on; an appeal is what a citizen reported. Appeals are triaged
into incidents (several appeals may hang on one). Every change of an incident is one row of the
append-only `IncidentEvent` table: the audit trail, the citizen's timeline and, through
`pg_notify('situation_events', id)` sent by the database after commit, the live feed.
"""

import secrets

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.indexes import GistIndex
from django.db.models import Q
from django.db.models.functions import Cast, Concat, LPad
from django.utils.translation import gettext_lazy as _

from gis.models import Network

SRID = settings.MAKON_SRID


class Severity(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    CRITICAL = 4, _("Critical")


class State(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Duplicate")
    CANCELLED = "cancelled", _("Cancelled")


#: States in which the city still owes work: they count as open and can fall overdue.
OPEN_STATES = frozenset(
    {State.NEW, State.TRIAGED, State.ASSIGNED, State.IN_PROGRESS, State.ON_HOLD}
)
#: States after which nothing more happens, apart from a citizen's dispute of a resolution.
FINISHED_STATES = frozenset(
    {State.RESOLVED, State.CLOSED, State.REJECTED, State.DUPLICATE, State.CANCELLED}
)


class ResolutionCode(models.TextChoices):
    """Why an incident ended. Only FIXED counts as fixed; closing never implies it."""

    FIXED = "fixed", _("Fixed")
    NOT_REPRODUCIBLE = "not_reproducible", _("Could not be reproduced")
    NOT_OURS = "not_ours", _("Not the city's responsibility")
    DUPLICATE = "duplicate", _("Duplicate of another incident")
    WONT_FIX = "wont_fix", _("Will not be fixed")
    REFERRED = "referred", _("Referred to another body")


class IncidentType(models.Model):
    """One entry of the incident catalogue: what happened, who usually handles it, how fast."""

    code = models.SlugField(max_length=40, unique=True, help_text="Open311 service_code.")
    name_uz = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=100, blank=True, help_text="Open311 group.")
    network = models.CharField(
        max_length=16,
        choices=Network.choices,
        blank=True,
        help_text="The infrastructure network this kind of incident concerns, if any.",
    )
    default_severity = models.PositiveSmallIntegerField(
        choices=Severity.choices, default=Severity.MEDIUM
    )
    sla_hours = models.PositiveIntegerField(help_text="Hours from report to resolution.")
    is_open311 = models.BooleanField(
        default=True, help_text="Offered to citizens (map and Open311) as a service."
    )
    default_department = models.ForeignKey(
        "Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="default_for_types",
        help_text="Handles this type wherever no district route names another department.",
    )
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(sla_hours__gt=0), name="incidenttype_sla_positive"),
            models.CheckConstraint(
                condition=Q(default_severity__gte=1, default_severity__lte=4),
                name="incidenttype_severity_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_uz


class Department(models.Model):
    """A body that resolves incidents (a water utility's district service, the fire service...)."""

    code = models.SlugField(max_length=60, unique=True)
    name_uz = models.CharField(max_length=200)
    name_ru = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    network = models.CharField(max_length=16, choices=Network.choices, blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
        help_text="Escalations are raised to this person.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_en or self.name_uz


class DepartmentRoute(models.Model):
    """Which department handles a type of incident in one district (else the type's default).

    Kept apart from the catalogue on purpose: rebuilding the city's districts removes these
    rows with them, while each type keeps its default department.
    """

    incident_type = models.ForeignKey(IncidentType, on_delete=models.CASCADE, related_name="routes")
    district = models.ForeignKey(
        "citygis.AdminArea",
        on_delete=models.CASCADE,
        related_name="department_routes",
        limit_choices_to={"level": "district"},
    )
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="routes")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident_type", "district"], name="departmentroute_one_per_district"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident_type} / {self.district} -> {self.department}"


class Incident(models.Model):
    """Something happening in the city that a department must act on."""

    number = models.GeneratedField(
        expression=Concat(
            models.Value("INC-"), LPad(Cast("id", models.CharField()), 6, models.Value("0"))
        ),
        output_field=models.CharField(max_length=30),
        db_persist=True,
    )
    incident_type = models.ForeignKey(IncidentType, on_delete=models.PROTECT, related_name="+")
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.NEW)
    geom = models.GeometryField(
        srid=SRID, help_text="Point, line or area in the deployment CRS (MAKON_SRID)."
    )
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.GeometryField(srid=3857),
        db_persist=True,
    )
    address = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    district = models.ForeignKey(
        "citygis.AdminArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        help_text="The district the location falls in (set by the service from the geometry).",
    )
    sla_due_at = models.DateTimeField(
        help_text="When it must be resolved; moved later by time spent on hold."
    )
    sla_paused_seconds = models.PositiveIntegerField(
        default=0, help_text="Total time spent on hold, which the SLA clock does not count."
    )
    on_hold_since = models.DateTimeField(null=True, blank=True)
    escalated = models.BooleanField(default=False)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolution_code = models.CharField(max_length=20, choices=ResolutionCode.choices, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            GistIndex(fields=["geom_3857"], name="incident_geom_3857_gist"),
            models.Index(fields=["state", "sla_due_at"], name="incident_state_due_idx"),
            models.Index(fields=["district", "state"], name="incident_district_state_idx"),
            models.Index(fields=["-created_at"], name="incident_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(geom__isvalid=True) & Q(geom__isempty=False),
                name="incident_geom_valid",
            ),
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=4), name="incident_severity_range"
            ),
            models.CheckConstraint(
                condition=Q(state="on_hold", on_hold_since__isnull=False)
                | (~Q(state="on_hold") & Q(on_hold_since__isnull=True)),
                name="incident_on_hold_since_iff_on_hold",
            ),
            models.CheckConstraint(
                condition=~Q(state="resolved") | ~Q(resolution_code=""),
                name="incident_resolved_has_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.incident_type} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class IncidentEvent(models.Model):
    """One change of an incident. Append-only: the database refuses UPDATE and DELETE.

    Migration 0002_event_triggers owns the guard trigger and the
    pg_notify('situation_events', id) trigger; the id is the live feed's event id.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        TRANSITION = "transition", _("State changed")
        DISPUTED = "disputed", _("Resolution disputed")
        ESCALATED = "escalated", _("Escalated")
        UPDATED = "updated", _("Details changed")
        APPEAL_LINKED = "appeal_linked", _("Appeal linked")
        COMMENT = "comment", _("Comment")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["incident", "id"], name="incidentevent_incident_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.from_state}->{self.to_state}"


class AppealState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    LINKED = "linked", _("Taken into an incident")
    REJECTED = "rejected", _("Rejected")


class Appeal(models.Model):
    """What a citizen (or an anonymous person, e.g. through Open311) reported on the map."""

    class Channel(models.TextChoices):
        MAP = "map", _("City map")
        OPEN311 = "open311", _("Open311")

    category = models.ForeignKey(IncidentType, on_delete=models.PROTECT, related_name="+")
    geom = models.PointField(srid=SRID)
    address = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    state = models.CharField(
        max_length=16, choices=AppealState.choices, default=AppealState.SUBMITTED
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        help_text="Empty for an anonymous appeal.",
    )
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.MAP)
    contact_name = models.CharField(max_length=200, blank=True, help_text="Never public.")
    contact_email = models.EmailField(blank=True, help_text="Never public.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="Never public.")
    client_key = models.CharField(
        max_length=64,
        blank=True,
        help_text="Keyed hash of the filing address, for rate limiting; not the address.",
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triage_comment = models.TextField(
        blank=True, help_text="The operator's note to the appellant (e.g. why it was rejected)."
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-created_at"], name="appeal_state_idx"),
            models.Index(fields=["client_key", "created_at"], name="appeal_client_key_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="linked", incident__isnull=False)
                | (~Q(state="linked") & Q(incident__isnull=True)),
                name="appeal_linked_iff_incident",
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal {self.pk} ({self.state})"


def _photo_token() -> str:
    return secrets.token_urlsafe(24)


class Photo(models.Model):
    """An image attached to an appeal or an incident; its type was checked from its bytes."""

    appeal = models.ForeignKey(
        Appeal, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )
    token = models.CharField(max_length=40, unique=True, default=_photo_token)
    image = models.FileField(upload_to="situation/photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appeal__isnull=False) | Q(incident__isnull=False),
                name="photo_attached",
            ),
        ]

    def __str__(self) -> str:
        return f"Photo {self.pk}"


class Open311Client(models.Model):
    """A 311 application allowed to file requests when the deployment requires an api_key."""

    name = models.CharField(max_length=200)
    key_sha256 = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the key.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
