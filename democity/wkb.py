"""Hex EWKB for many geometries at once, the text form PostGIS reads fastest in COPY.

Little-endian EWKB with the SRID flag; one ring per polygon. Rings are given as one flat array
of (x, y) vertices plus the number of vertices of each ring (closed: first == last).
"""

import numpy as np

_SRID_FLAG = 0x20000000
_POINT, _LINESTRING, _POLYGON, _MULTIPOLYGON = 1, 2, 3, 6


def _split_hex(buffer: bytes, size: int) -> list[str]:
    text = buffer.hex()
    step = 2 * size
    return [text[i : i + step] for i in range(0, len(text), step)]


def multipolygons(xy: np.ndarray, ring_sizes: np.ndarray, srid: int) -> np.ndarray:
    """One single-ring MultiPolygon per ring, as hex EWKB strings (object array)."""
    out = np.empty(ring_sizes.size, dtype=object)
    starts = np.concatenate([[0], np.cumsum(ring_sizes)[:-1]])
    for size in np.unique(ring_sizes).tolist():
        which = np.flatnonzero(ring_sizes == size)
        record = np.dtype(
            [
                ("order", "u1"),
                ("type", "<u4"),
                ("srid", "<u4"),
                ("parts", "<u4"),
                ("part_order", "u1"),
                ("part_type", "<u4"),
                ("rings", "<u4"),
                ("points", "<u4"),
                ("xy", "<f8", (size, 2)),
            ]
        )
        rows = np.empty(which.size, dtype=record)
        rows["order"] = 1
        rows["type"] = _MULTIPOLYGON | _SRID_FLAG
        rows["srid"] = srid
        rows["parts"] = 1
        rows["part_order"] = 1
        rows["part_type"] = _POLYGON
        rows["rings"] = 1
        rows["points"] = size
        vertex = starts[which][:, None] + np.arange(size)[None, :]
        rows["xy"] = xy[vertex]
        out[which] = _split_hex(rows.tobytes(), record.itemsize)
    return out


def rectangles(
    xmin: np.ndarray, ymin: np.ndarray, xmax: np.ndarray, ymax: np.ndarray, srid: int
) -> np.ndarray:
    """Axis-aligned rectangles as single-ring MultiPolygons (counter-clockwise)."""
    ring = np.stack(
        [
            np.stack([xmin, ymin], axis=1),
            np.stack([xmax, ymin], axis=1),
            np.stack([xmax, ymax], axis=1),
            np.stack([xmin, ymax], axis=1),
            np.stack([xmin, ymin], axis=1),
        ],
        axis=1,
    ).reshape(-1, 2)
    return multipolygons(ring, np.full(xmin.size, 5), srid)


def linestrings(xy: np.ndarray, srid: int) -> np.ndarray:
    """Two-point LineStrings from an (n, 2, 2) array of start and end points."""
    record = np.dtype(
        [
            ("order", "u1"),
            ("type", "<u4"),
            ("srid", "<u4"),
            ("points", "<u4"),
            ("xy", "<f8", (2, 2)),
        ]
    )
    rows = np.empty(xy.shape[0], dtype=record)
    rows["order"] = 1
    rows["type"] = _LINESTRING | _SRID_FLAG
    rows["srid"] = srid
    rows["points"] = 2
    rows["xy"] = xy
    return np.array(_split_hex(rows.tobytes(), record.itemsize), dtype=object)


def points(x: np.ndarray, y: np.ndarray, srid: int) -> np.ndarray:
    record = np.dtype([("order", "u1"), ("type", "<u4"), ("srid", "<u4"), ("xy", "<f8", (2,))])
    rows = np.empty(x.size, dtype=record)
    rows["order"] = 1
    rows["type"] = _POINT | _SRID_FLAG
    rows["srid"] = srid
    rows["xy"] = np.stack([x, y], axis=1)
    return np.array(_split_hex(rows.tobytes(), record.itemsize), dtype=object)
