"""The rights register: spatial units, parties, rights, restrictions, responsibilities, sources.

LADM (ISO 19152) aligned. Parcels, buildings, units, rights, restrictions and responsibilities
are versioned (core.versioning); see cadastre/README.md for the glossary.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.indexes import GistIndex
from django.db.models import F, Q
from django.db.models.functions import Left

from core import cadastral_number as cn
from core.geo import GeographyArea
from core.versioning import Versioned, version_constraints, version_indexes

SRID = settings.MAKON_SRID


def _valid_geometry(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(geom__isvalid=True) & Q(geom__isempty=False), name=name
    )


class LandUse(models.TextChoices):
    RESIDENTIAL = "residential", "Residential (individual housing)"
    APARTMENTS = "apartments", "Multi-apartment housing"
    COMMERCIAL = "commercial", "Commercial"
    INDUSTRIAL = "industrial", "Industrial"
    PUBLIC = "public", "Public and social"
    AGRICULTURAL = "agricultural", "Agricultural"
    GREEN = "green", "Parks and green areas"
    TRANSPORT = "transport", "Transport"


class Parcel(Versioned):
    """A land parcel (LADM spatial unit), one row per registered version."""

    cadastral_number = models.CharField(
        max_length=cn.PARCEL_NUMBER_LENGTH, help_text="AA:BB:CC:DD:EE:FFFF"
    )
    geom = models.MultiPolygonField(srid=SRID, help_text="Legal boundary in the deployment CRS.")
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.MultiPolygonField(srid=3857),
        db_persist=True,
    )
    area_official_m2 = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="Area in the title."
    )
    area_computed_m2 = models.GeneratedField(
        expression=GeographyArea("geom"),
        output_field=models.FloatField(),
        db_persist=True,
        help_text="Area on the WGS 84 ellipsoid, computed from the boundary.",
    )
    address = models.CharField(max_length=300, blank=True)
    land_use = models.CharField(max_length=16, choices=LandUse.choices)
    block = models.ForeignKey(
        "citygis.AdminArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parcels",
        limit_choices_to={"level": "block"},
    )
    source_srid = models.PositiveIntegerField(
        null=True, blank=True, help_text="EPSG code of the CRS the boundary was surveyed in."
    )

    class Meta:
        indexes = [
            GistIndex(fields=["geom_3857"], name="parcel_geom_3857_gist"),
            models.Index(fields=["cadastral_number"], name="parcel_number_idx"),
            *version_indexes("parcel"),
        ]
        constraints = [
            *version_constraints("parcel"),
            models.UniqueConstraint(
                fields=["cadastral_number"],
                condition=Q(valid_until__isnull=True),
                name="parcel_one_current_per_number",
            ),
            models.CheckConstraint(
                condition=Q(cadastral_number__regex=cn.PARCEL_PATTERN),
                name="parcel_number_format",
            ),
            _valid_geometry("parcel_geom_valid"),
            models.CheckConstraint(
                condition=Q(area_official_m2__isnull=True) | Q(area_official_m2__gt=0),
                name="parcel_official_area_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Parcel {self.cadastral_number} v{self.version}"


class Building(Versioned):
    """A building footprint; registered ones carry a cadastral number under their parcel."""

    class Use(models.TextChoices):
        HOUSE = "house", "Individual house"
        APARTMENTS = "apartments", "Apartment building"
        COMMERCIAL = "commercial", "Commercial"
        PUBLIC = "public", "Public"
        INDUSTRIAL = "industrial", "Industrial"
        AUXILIARY = "auxiliary", "Auxiliary"

    cadastral_number = models.CharField(
        max_length=cn.BUILDING_NUMBER_LENGTH,
        null=True,
        blank=True,
        help_text="AA:BB:CC:DD:EE:FFFF:GGGG",
    )
    parcel_number = models.GeneratedField(
        expression=Left("cadastral_number", cn.PARCEL_NUMBER_LENGTH),
        output_field=models.CharField(max_length=cn.PARCEL_NUMBER_LENGTH),
        db_persist=True,
        help_text="The parcel the building stands on (from its cadastral number).",
    )
    geom = models.MultiPolygonField(srid=SRID, help_text="Footprint in the deployment CRS.")
    geom_3857 = models.GeneratedField(
        expression=Transform("geom", 3857),
        output_field=models.MultiPolygonField(srid=3857),
        db_persist=True,
    )
    use = models.CharField(max_length=16, choices=Use.choices)
    floors = models.PositiveSmallIntegerField(null=True, blank=True)
    year_built = models.PositiveSmallIntegerField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    source_ref = models.CharField(max_length=100, blank=True, help_text="Id in the source file.")

    class Meta:
        indexes = [
            GistIndex(fields=["geom_3857"], name="building_geom_3857_gist"),
            models.Index(fields=["cadastral_number"], name="building_number_idx"),
            models.Index(fields=["parcel_number"], name="building_parcel_number_idx"),
            *version_indexes("building"),
        ]
        constraints = [
            *version_constraints("building"),
            models.UniqueConstraint(
                fields=["cadastral_number"],
                condition=Q(valid_until__isnull=True),
                name="building_one_current_per_number",
            ),
            models.CheckConstraint(
                condition=Q(cadastral_number__isnull=True)
                | Q(cadastral_number__regex=cn.BUILDING_PATTERN),
                name="building_number_format",
            ),
            _valid_geometry("building_geom_valid"),
            models.CheckConstraint(
                condition=Q(floors__isnull=True) | Q(floors__gte=1, floors__lte=150),
                name="building_floors_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Building {self.cadastral_number or self.uid} v{self.version}"


class BuildingUnit(Versioned):
    """An apartment or other unit inside a building."""

    class Use(models.TextChoices):
        APARTMENT = "apartment", "Apartment"
        NON_RESIDENTIAL = "non_residential", "Non-residential"
        PARKING = "parking", "Parking place"

    cadastral_number = models.CharField(
        max_length=cn.UNIT_NUMBER_LENGTH, help_text="AA:BB:CC:DD:EE:FFFF:GGGG:HHH"
    )
    building_number = models.GeneratedField(
        expression=Left("cadastral_number", cn.BUILDING_NUMBER_LENGTH),
        output_field=models.CharField(max_length=cn.BUILDING_NUMBER_LENGTH),
        db_persist=True,
    )
    number = models.CharField(max_length=10, help_text="Apartment number on the door.")
    floor = models.SmallIntegerField()
    area_m2 = models.DecimalField(max_digits=8, decimal_places=2)
    rooms = models.PositiveSmallIntegerField(null=True, blank=True)
    use = models.CharField(max_length=16, choices=Use.choices, default=Use.APARTMENT)

    class Meta:
        indexes = [
            models.Index(fields=["cadastral_number"], name="unit_number_idx"),
            models.Index(fields=["building_number"], name="unit_building_number_idx"),
            *version_indexes("unit"),
        ]
        constraints = [
            *version_constraints("unit"),
            models.UniqueConstraint(
                fields=["cadastral_number"],
                condition=Q(valid_until__isnull=True),
                name="unit_one_current_per_number",
            ),
            models.CheckConstraint(
                condition=Q(cadastral_number__regex=cn.UNIT_PATTERN), name="unit_number_format"
            ),
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="unit_area_positive"),
        ]

    def __str__(self) -> str:
        return f"Unit {self.cadastral_number} v{self.version}"


class Property(models.Model):
    """What rights attach to (LADM basic administrative unit): a parcel, building, unit or set."""

    class Kind(models.TextChoices):
        LAND = "land", "Land parcel (with its buildings)"
        BUILDING = "building", "Building"
        UNIT = "unit", "Apartment or unit"
        COMPLEX = "complex", "Set of objects"

    cadastral_number = models.CharField(
        max_length=cn.UNIT_NUMBER_LENGTH,
        unique=True,
        help_text="Number of the main object the property is about.",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "properties"
        constraints = [
            models.CheckConstraint(
                condition=Q(cadastral_number__regex=cn.ANY_PATTERN),
                name="property_number_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.cadastral_number}"


class PropertyComponent(models.Model):
    """One object (parcel, building or unit, by cadastral number) that a property comprises."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="components")
    cadastral_number = models.CharField(max_length=cn.UNIT_NUMBER_LENGTH)

    class Meta:
        indexes = [models.Index(fields=["cadastral_number"], name="propcomp_number_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["property", "cadastral_number"], name="propcomp_unique_object"
            ),
            models.CheckConstraint(
                condition=Q(cadastral_number__regex=cn.ANY_PATTERN),
                name="propcomp_number_format",
            ),
        ]

    def __str__(self) -> str:
        return self.cadastral_number


class Party(models.Model):
    """A natural person, legal entity or state body that can hold rights."""

    class Kind(models.TextChoices):
        PERSON = "person", "Natural person"
        LEGAL = "legal", "Legal entity"
        STATE = "state", "State body"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    last_name = models.CharField(max_length=100, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    patronymic = models.CharField(max_length=100, blank=True)
    organisation_name = models.CharField(max_length=300, blank=True)
    pinfl = models.CharField(
        max_length=14,
        null=True,
        blank=True,
        help_text="Personal identification number (14 digits) of a natural person.",
    )
    passport = models.CharField(max_length=9, blank=True, help_text="Series and number, AA1234567.")
    tin = models.CharField(
        max_length=9, null=True, blank=True, help_text="Taxpayer number (9 digits) of an entity."
    )
    birth_date = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(fields=["pinfl"], name="party_unique_pinfl"),
            models.UniqueConstraint(fields=["tin"], name="party_unique_tin"),
            models.CheckConstraint(
                condition=Q(pinfl__isnull=True) | Q(pinfl__regex=r"^[0-9]{14}$"),
                name="party_pinfl_format",
            ),
            models.CheckConstraint(
                condition=Q(tin__isnull=True) | Q(tin__regex=r"^[0-9]{9}$"),
                name="party_tin_format",
            ),
            models.CheckConstraint(
                condition=Q(passport="") | Q(passport__regex=r"^[A-Z]{2}[0-9]{7}$"),
                name="party_passport_format",
            ),
            models.CheckConstraint(
                condition=(Q(kind="person") & Q(pinfl__isnull=False) & ~Q(last_name=""))
                | (~Q(kind="person") & ~Q(organisation_name="")),
                name="party_identified",
            ),
        ]

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.PERSON:
            return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)
        return self.organisation_name

    def __str__(self) -> str:
        return self.display_name


class PartyGroup(models.Model):
    """Parties that hold a right together (a family, joint owners)."""

    class Kind(models.TextChoices):
        FAMILY = "family", "Family (joint marital property)"
        JOINT = "joint", "Joint owners"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    members = models.ManyToManyField(Party, through="PartyGroupMember", related_name="groups")

    def __str__(self) -> str:
        return self.name


def _share_checks(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(share_numerator__gt=0)
            & Q(share_denominator__gt=0)
            & Q(share_numerator__lte=F("share_denominator")),
            name=f"{prefix}_share_is_fraction_up_to_one",
        )
    ]


class PartyGroupMember(models.Model):
    group = models.ForeignKey(PartyGroup, on_delete=models.CASCADE, related_name="memberships")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="memberships")
    share_numerator = models.PositiveIntegerField(default=1)
    share_denominator = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "party"], name="groupmember_unique"),
            *_share_checks("groupmember"),
        ]


class Source(models.Model):
    """A document that a registration rests on; the file is kept with its sha256."""

    class Kind(models.TextChoices):
        NOTARIAL_DEED = "notarial_deed", "Notarial deed"
        COURT_DECISION = "court_decision", "Court decision"
        KHOKIM_DECISION = "khokim_decision", "Khokim's decision"
        CONTRACT = "contract", "Contract"
        SURVEY_PLAN = "survey_plan", "Survey plan"
        MORTGAGE_AGREEMENT = "mortgage_agreement", "Mortgage agreement"
        INHERITANCE = "inheritance", "Certificate of inheritance"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    number = models.CharField(max_length=60)
    issued_on = models.DateField()
    issuer = models.CharField(max_length=300)
    file = models.FileField(upload_to="sources/%Y/%m/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True, help_text="Hex digest of the file.")
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "number"], name="source_kind_number_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256="") | Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="source_sha256_format",
            ),
            models.CheckConstraint(
                condition=Q(file="") | ~Q(sha256=""), name="source_file_has_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} No {self.number} of {self.issued_on}"


class RegisteredFact(Versioned):
    """Columns shared by rights, restrictions and responsibilities."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    registration_number = models.CharField(max_length=40)
    registered_on = models.DateField()
    term_from = models.DateField(null=True, blank=True)
    term_until = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class Right(RegisteredFact):
    """A right held by one party or party group in a property, with an exact share."""

    class Type(models.TextChoices):
        OWNERSHIP = "ownership", "Ownership"
        LIFETIME_POSSESSION = "lifetime_possession", "Lifetime inheritable possession"
        PERMANENT_USE = "permanent_use", "Permanent use"
        LEASE = "lease", "Lease"

    right_type = models.CharField(max_length=24, choices=Type.choices)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="rights"
    )
    party_group = models.ForeignKey(
        PartyGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="rights"
    )
    share_numerator = models.PositiveIntegerField(default=1)
    share_denominator = models.PositiveIntegerField(
        default=1,
        help_text="Shares of one property and right type never sum above 1 "
        "(statement trigger of migration cadastre 0002_register_rules).",
    )
    sources = models.ManyToManyField(Source, related_name="rights")

    class Meta:
        indexes = [
            models.Index(fields=["property", "right_type"], name="right_property_type_idx"),
            models.Index(fields=["party"], name="right_party_idx"),
            *version_indexes("right"),
        ]
        constraints = [
            *version_constraints("right"),
            *_share_checks("right"),
            models.CheckConstraint(
                condition=Q(party__isnull=False, party_group__isnull=True)
                | Q(party__isnull=True, party_group__isnull=False),
                name="right_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(term_until__isnull=True)
                | Q(term_from__isnull=True)
                | Q(term_until__gt=F("term_from")),
                name="right_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_right_type_display()} {self.share_numerator}/{self.share_denominator}"


class Restriction(RegisteredFact):
    """An encumbrance on a property: mortgage, arrest, servitude."""

    class Type(models.TextChoices):
        MORTGAGE = "mortgage", "Mortgage"
        ARREST = "arrest", "Arrest (seizure)"
        SERVITUDE = "servitude", "Servitude"
        LEASE = "lease", "Lease encumbrance"

    restriction_type = models.CharField(max_length=16, choices=Type.choices)
    beneficiary = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="restrictions_held",
        help_text="Bank for a mortgage, court or bailiff for an arrest.",
    )
    amount = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, help_text="Secured sum, soum."
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Mortgage rank.")
    description = models.CharField(max_length=500, blank=True)
    sources = models.ManyToManyField(Source, related_name="restrictions")

    class Meta:
        indexes = [
            models.Index(fields=["property"], name="restriction_property_idx"),
            *version_indexes("restriction"),
        ]
        constraints = [
            *version_constraints("restriction"),
            models.CheckConstraint(
                condition=~Q(restriction_type="mortgage")
                | Q(amount__gt=0, rank__gte=1, beneficiary__isnull=False),
                name="restriction_mortgage_complete",
            ),
            models.UniqueConstraint(
                fields=["property", "rank"],
                condition=Q(restriction_type="mortgage", valid_until__isnull=True),
                name="restriction_one_mortgage_per_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_restriction_type_display()} {self.registration_number}"


class Responsibility(RegisteredFact):
    """A duty attached to a property (keep a monument, maintain a passage, ...)."""

    class Type(models.TextChoices):
        HERITAGE = "heritage", "Heritage protection"
        MAINTENANCE = "maintenance", "Maintenance of common parts"
        PUBLIC_ACCESS = "public_access", "Keep public access"
        UTILITY_ACCESS = "utility_access", "Allow utility access"

    responsibility_type = models.CharField(max_length=16, choices=Type.choices)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="responsibilities"
    )
    description = models.CharField(max_length=500, blank=True)
    sources = models.ManyToManyField(Source, related_name="responsibilities")

    class Meta:
        verbose_name_plural = "responsibilities"
        indexes = [
            models.Index(fields=["property"], name="responsibility_property_idx"),
            *version_indexes("responsibility"),
        ]
        constraints = [*version_constraints("responsibility")]

    def __str__(self) -> str:
        return f"{self.get_responsibility_type_display()} {self.registration_number}"
