"""The tile layers: what each one draws at which zoom, from which SQL, with which properties.

A layer has a zoom range and, inside it, zoom bands; each band is one SQL file in tiles/sql
(one prepared statement per connection) and names the MVT layers ("source layers") it writes.
Below its range a layer has no tiles and says what the map shows there instead: nothing is cut
off silently. The cache-invalidation triggers (migration tiles 0003) use the same zooms.
"""

from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType

from django.utils.translation import gettext_noop

MAX_ZOOM = 22


@dataclass(frozen=True)
class SourceLayer:
    """One layer inside the MVT (what a MapLibre style calls `source-layer`)."""

    name: str
    description: str
    fields: MappingProxyType[str, str]
    geometry: str  # "polygon", "line" or "point"


@dataclass(frozen=True)
class ZoomBand:
    """Zooms `min_zoom`..`max_zoom` of a layer, built by one SQL file."""

    min_zoom: int
    max_zoom: int
    sql_file: str
    source_layers: tuple[SourceLayer, ...]
    shows: str

    @property
    def statement_name(self) -> str:
        """Name of the band's prepared statement on each connection."""
        return "makon_tile_" + self.sql_file.removesuffix(".sql")

    def sql(self) -> str:
        return (files("tiles") / "sql" / self.sql_file).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Layer:
    """A tile layer: /tiles/<name>/<z>/<x>/<y>.pbf for zooms min_zoom..max_zoom."""

    name: str
    title: str
    bands: tuple[ZoomBand, ...]
    # English, as TileJSON gives it; marked for the catalogue so a refused tile address below
    # the range can say it in the client's language (tiles.address).
    below_min_zoom: str
    # Without bands a layer has no data yet: its tiles over this range are empty.
    empty: tuple[int, int, SourceLayer, str] | None = None
    # False for a layer whose tiles change with the clock (not only with a write), which the
    # write-time invalidation of the cache cannot follow: built on every request instead.
    cached: bool = True

    def __post_init__(self) -> None:
        if not self.bands and self.empty is None:
            raise ValueError(f"Layer {self.name} needs zoom bands or an empty range.")
        zooms = [z for band in self.bands for z in range(band.min_zoom, band.max_zoom + 1)]
        if zooms and zooms != list(range(zooms[0], zooms[-1] + 1)):
            raise ValueError(f"The zoom bands of layer {self.name} overlap or leave a gap.")
        if zooms and zooms[-1] > MAX_ZOOM:
            raise ValueError(f"Layer {self.name} goes beyond zoom {MAX_ZOOM}.")

    @property
    def min_zoom(self) -> int:
        return self.bands[0].min_zoom if self.bands else self.empty[0]  # type: ignore[index]

    @property
    def max_zoom(self) -> int:
        return self.bands[-1].max_zoom if self.bands else self.empty[1]  # type: ignore[index]

    @property
    def is_empty(self) -> bool:
        """True for a layer that has no data source yet and serves empty tiles."""
        return not self.bands

    @property
    def description(self) -> str:
        if self.empty is not None:
            return self.empty[3]
        return " ".join(
            f"Zoom {band.min_zoom}-{band.max_zoom}: {band.shows}" for band in self.bands
        ) + (f" {self.below_min_zoom}" if self.min_zoom > 0 else "")

    @property
    def source_layers(self) -> tuple[SourceLayer, ...]:
        if self.empty is not None:
            return (self.empty[2],)
        unique = {s.name: s for band in self.bands for s in band.source_layers}
        return tuple(unique.values())

    def band(self, zoom: int) -> ZoomBand:
        """The band that draws `zoom`, which lies in the layer's range."""
        return next(band for band in self.bands if band.min_zoom <= zoom <= band.max_zoom)

    def zooms_of(self, source_layer: SourceLayer) -> tuple[int, int]:
        """Lowest and highest zoom whose tiles carry `source_layer`."""
        zooms = [
            z
            for band in self.bands
            if source_layer in band.source_layers
            for z in (band.min_zoom, band.max_zoom)
        ]
        return (min(zooms), max(zooms)) if zooms else (self.min_zoom, self.max_zoom)


def _fields(**descriptions: str) -> MappingProxyType[str, str]:
    return MappingProxyType(descriptions)


LAND_USES = (
    "residential, apartments, commercial, industrial, public, agricultural, green or transport"
)

PARCELS = SourceLayer(
    name="parcels",
    description="Current land parcels. Holders, shares and documents are never in a tile; "
    "the parcel API answers a click.",
    fields=_fields(
        id="Number: id of the parcel's current version (a new version gets a new id).",
        cadastral_number="String: AA:BB:CC:DD:EE:FFFF.",
        land_use=f"String: {LAND_USES}.",
        area_m2="Number: official area in m2, or the computed one where none is registered.",
        district="String: district code, the first two groups of the cadastral number.",
        owner_type="String: person, legal, state or mixed, from the kinds of the parties "
        "holding current ownership rights; absent where no owner is registered.",
        registered_on="String: date (YYYY-MM-DD) the current version came into force.",
    ),
    geometry="polygon",
)
PARCEL_BLOCKS = SourceLayer(
    name="parcel_blocks",
    description="Parcels summed per cadastral block: the block outline (the convex hull of "
    "its parcels where no block area is registered), how many parcels it holds and the land "
    "use most of them have.",
    fields=_fields(
        block="String: block code, the first five groups of its parcels' numbers.",
        parcel_count="Number: current parcels in the block.",
        land_use=f"String: the most frequent land use of its parcels: {LAND_USES}.",
    ),
    geometry="polygon",
)
BUILDINGS = SourceLayer(
    name="buildings",
    description="Current building footprints.",
    fields=_fields(
        cadastral_number="String: AA:BB:CC:DD:EE:FFFF:GGGG; absent for an unregistered one.",
        use="String: house, apartments, commercial, public, industrial or auxiliary.",
        floors="Number: floors above ground; absent when unknown.",
    ),
    geometry="polygon",
)
NETWORK = "String: water, sewer, gas, power, heating, road or telecom."
STATUS = "String: operational, under_repair, planned or abandoned."
SEGMENTS = SourceLayer(
    name="infrastructure",
    description="Network segments: roads from zoom 12, every network from zoom 14.",
    fields=_fields(network=NETWORK, status=STATUS),
    geometry="line",
)
NODES = SourceLayer(
    name="infrastructure_nodes",
    description="Network nodes: valves, hydrants, manholes, substations, transformers, pumps "
    "and junctions.",
    fields=_fields(
        network=NETWORK,
        kind="String: valve, hydrant, manhole, substation, transformer, pump or junction.",
        status=STATUS,
    ),
    geometry="point",
)
CAMERAS = SourceLayer(
    name="cameras",
    description="Street cameras and where they look. The stream reference is never in a tile.",
    fields=_fields(
        kind="String: fixed, dome, ptz or anpr.",
        status="String: active, offline or maintenance.",
        direction_deg="Number: compass bearing faced, 0 = north, clockwise; absent if unknown.",
        field_of_view_deg="Number: horizontal opening angle; absent if unknown.",
        range_m="Number: how far it usefully sees, metres; absent if unknown.",
    ),
    geometry="point",
)
ADMIN_AREAS = SourceLayer(
    name="admin_areas",
    description="Districts at every zoom, mahallas from zoom 12, cadastral blocks from zoom 14.",
    fields=_fields(
        level="String: district, mahalla or block.",
        code="String: official code; a block's is the first five groups of its parcels' numbers.",
        name="String: name in Uzbek.",
    ),
    geometry="polygon",
)
INCIDENTS = SourceLayer(
    name="incidents",
    description="Open incidents (new, triaged, assigned, in progress, on hold) as their point, "
    "line or area; feature id = incident id (the operator API answers a click). Nothing about "
    "who reported them.",
    fields=_fields(
        type="String: incident type code from the catalogue, e.g. water_leak.",
        severity="Number: 1 (low) to 4 (critical).",
        state="String: new, triaged, assigned, in_progress or on_hold.",
        overdue="Boolean: past its SLA due time with the clock running (not on hold), now.",
    ),
    geometry="point, line or polygon",
)
INCIDENT_CLUSTERS = SourceLayer(
    name="incident_clusters",
    description="Open incidents summed per cell of a 32 x 32 grid per tile, for clusters and "
    "heat maps.",
    fields=_fields(
        incident_count="Number: open incidents in the cell.",
        max_severity="Number: the highest severity among them, 1 to 4.",
        overdue_count="Number: how many of them are overdue now.",
    ),
    geometry="point",
)

_LAYERS = (
    Layer(
        name="parcels",
        title="Land parcels",
        bands=(
            ZoomBand(
                12,
                13,
                "parcels_blocks.sql",
                (PARCEL_BLOCKS,),
                "one feature per cadastral block with its parcel count and main land use "
                "(source layer parcel_blocks).",
            ),
            ZoomBand(
                14,
                MAX_ZOOM,
                "parcels.sql",
                (PARCELS,),
                "every current parcel (source layer parcels).",
            ),
        ),
        below_min_zoom=gettext_noop(
            "Below zoom 12 there are no parcel tiles: the admin_areas layer draws "
            "the districts there."
        ),
    ),
    Layer(
        name="buildings",
        title="Buildings",
        bands=(
            ZoomBand(
                15, MAX_ZOOM, "buildings.sql", (BUILDINGS,), "every current building footprint."
            ),
        ),
        below_min_zoom=gettext_noop(
            "Below zoom 15 there are no building tiles: the parcels layer draws "
            "parcels (zoom 14) and blocks (zoom 12-13) there."
        ),
    ),
    Layer(
        name="infrastructure",
        title="Infrastructure networks",
        bands=(
            ZoomBand(12, 13, "infrastructure_roads.sql", (SEGMENTS,), "road segments only."),
            ZoomBand(14, 15, "infrastructure.sql", (SEGMENTS,), "segments of every network."),
            ZoomBand(
                16,
                MAX_ZOOM,
                "infrastructure_nodes.sql",
                (SEGMENTS, NODES),
                "segments of every network and the network nodes (source layer "
                "infrastructure_nodes).",
            ),
        ),
        below_min_zoom=gettext_noop(
            "Below zoom 12 there are no infrastructure tiles: the admin_areas "
            "layer draws the districts there."
        ),
    ),
    Layer(
        name="cameras",
        title="Street cameras",
        bands=(
            ZoomBand(
                13,
                MAX_ZOOM,
                "cameras.sql",
                (CAMERAS,),
                "every camera with its direction, field of view and range.",
            ),
        ),
        below_min_zoom=gettext_noop("Below zoom 13 there are no camera tiles."),
    ),
    Layer(
        name="incidents",
        title="Incidents",
        bands=(
            ZoomBand(
                10,
                13,
                "incidents_clusters.sql",
                (INCIDENT_CLUSTERS,),
                "open incidents counted per grid cell (source layer incident_clusters).",
            ),
            ZoomBand(
                14,
                MAX_ZOOM,
                "incidents.sql",
                (INCIDENTS,),
                "every open incident with its type, severity, state and overdue flag.",
            ),
        ),
        below_min_zoom=gettext_noop("Below zoom 10 there are no incident tiles."),
        # overdue follows the clock: a cached tile would go stale without any write.
        cached=False,
    ),
    Layer(
        name="admin_areas",
        title="Administrative areas",
        bands=(
            ZoomBand(0, 11, "admin_districts.sql", (ADMIN_AREAS,), "districts."),
            ZoomBand(12, 13, "admin_mahallas.sql", (ADMIN_AREAS,), "districts and mahallas."),
            ZoomBand(
                14,
                MAX_ZOOM,
                "admin_blocks.sql",
                (ADMIN_AREAS,),
                "districts, mahallas and cadastral blocks.",
            ),
        ),
        below_min_zoom="",
    ),
)

LAYERS: MappingProxyType[str, Layer] = MappingProxyType({layer.name: layer for layer in _LAYERS})
