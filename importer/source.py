"""Opening a source file with GDAL: which layer, which fields, which CRS.

Only EPSG integers leave this module: a file's own CRS is identified to an EPSG code or refused,
so no WKT or PROJ string from a file is ever handed on to GDAL or PostGIS.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.gdal import DataSource, GDALException, SpatialReference
from django.contrib.gis.gdal.layer import Layer
from django.contrib.gis.gdal.libgdal import lgdal

from importer.errors import ImportRefusedError
from importer.kinds import Kind

OSM_DRIVER = "OSM"
OSM_SRID = 4326
OSM_CONFIG = Path(__file__).resolve().parent / "osmconf.ini"


@dataclass(frozen=True)
class SourceLayer:
    """The layer an import reads, with its fields and the EPSG code of its coordinates."""

    path: Path
    driver: str
    layer: str
    fields: tuple[str, ...]
    srid: int
    is_geographic: bool

    @property
    def is_osm(self) -> bool:
        return self.driver == OSM_DRIVER


def _open(path: Path) -> DataSource:
    if not path.is_file():
        raise ImportRefusedError(f"{path} does not exist or is not a file.")
    if path.stat().st_size == 0:
        raise ImportRefusedError(f"{path} is empty.")
    # The OSM driver reads its layer layout from this file when it opens a .osm/.pbf.
    lgdal.CPLSetConfigOption(b"OSM_CONFIG_FILE", str(OSM_CONFIG).encode())
    try:
        return DataSource(str(path))
    except GDALException:
        raise ImportRefusedError(
            f"{path.name} cannot be read as a GeoPackage, Shapefile, GeoJSON or OSM file: "
            "it is corrupt or of another format."
        ) from None


def _pick_layer(source: DataSource, *, kind: Kind, requested: str | None, path: Path) -> Layer:
    names = [layer.name for layer in source]
    if not names:
        raise ImportRefusedError(f"{path.name} has no layers.")
    if source.driver.name == OSM_DRIVER:
        if not kind.accepts_osm:
            raise ImportRefusedError(
                f"OSM files hold no {kind.name}; import buildings, cameras or infrastructure "
                "from them."
            )
        if requested is not None and requested != kind.osm_layer:
            raise ImportRefusedError(
                f"{kind.name} are read from the OSM layer {kind.osm_layer!r}, not {requested!r}."
            )
        requested = kind.osm_layer
    if requested is None:
        if len(names) > 1:
            raise ImportRefusedError(
                f"{path.name} has {len(names)} layers ({', '.join(names)}); "
                "choose one with --layer."
            )
        requested = names[0]
    if requested not in names:
        raise ImportRefusedError(
            f"{path.name} has no layer {requested!r}; its layers are: {', '.join(names)}."
        )
    return source[names.index(requested)]


def _same_crs(first: SpatialReference, second: SpatialReference) -> bool:
    return bool(lgdal.OSRIsSame(first.ptr, second.ptr))


def _epsg_of(srs: SpatialReference) -> int | None:
    """The EPSG code `srs` is, if GDAL can tell; None for a CRS without one."""
    candidate = srs.clone()
    try:
        candidate.identify_epsg()
    except GDALException:
        return None
    if candidate.srid is None or (candidate.attr_value("AUTHORITY", 0) or "").upper() != "EPSG":
        return None
    return int(candidate.srid)


def _epsg_reference(srid: int) -> SpatialReference:
    try:
        return SpatialReference(srid)
    except (GDALException, ValueError):
        raise ImportRefusedError(
            f"EPSG:{srid} is not a coordinate reference system GDAL knows."
        ) from None


def _resolve_srid(layer: Layer, *, is_osm: bool, given: int | None, path: Path) -> SpatialReference:
    if is_osm:
        if given is not None and given != OSM_SRID:
            raise ImportRefusedError(
                f"OSM data is always EPSG:{OSM_SRID}; --srid {given} contradicts it."
            )
        return _epsg_reference(OSM_SRID)
    own = layer.srs
    if own is None:
        if given is None:
            raise ImportRefusedError(
                f"{path.name} does not say which coordinate reference system it uses "
                "(a Shapefile without its .prj?). Give the EPSG code with --srid; "
                "the importer never guesses one."
            )
        return _epsg_reference(given)
    own_epsg = _epsg_of(own)
    if given is None:
        if own_epsg is None:
            raise ImportRefusedError(
                f"The CRS of {path.name} ({own.name or 'unnamed'}) has no EPSG code; "
                "give the EPSG code it corresponds to with --srid."
            )
        return _epsg_reference(own_epsg)
    reference = _epsg_reference(given)
    if own_epsg is not None and own_epsg != given:
        raise ImportRefusedError(
            f"--srid {given} contradicts the file's own CRS, EPSG:{own_epsg} "
            f"({own.name}); leave --srid out or fix the file."
        )
    if own_epsg is None and not _same_crs(own, reference):
        raise ImportRefusedError(
            f"--srid {given} ({reference.name}) is not the CRS the file declares "
            f"({own.name or 'unnamed'})."
        )
    return reference


def source_layer_open(
    *, path: Path, kind: Kind, layer: str | None, srid: int | None
) -> SourceLayer:
    """Inspect `path` and return the layer to import with its fields and EPSG code."""
    source = _open(path)
    chosen = _pick_layer(source, kind=kind, requested=layer, path=path)
    is_osm = source.driver.name == OSM_DRIVER
    # The OSM driver cannot count without reading the whole file; the others answer at once.
    if not is_osm and chosen.num_feat == 0:
        raise ImportRefusedError(f"Layer {chosen.name!r} of {path.name} has no features.")
    reference = _resolve_srid(chosen, is_osm=is_osm, given=srid, path=path)
    return SourceLayer(
        path=path,
        driver=source.driver.name,
        layer=chosen.name,
        fields=tuple(chosen.fields),
        srid=int(reference.srid),
        is_geographic=bool(reference.geographic),
    )
