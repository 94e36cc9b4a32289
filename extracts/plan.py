"""The parcel plan of an extract: outlines drawn to a true scale, with a scale bar and north arrow.

Outlines come from the snapshot in the deployment's metric CRS, so one unit is one metre on the
ground and the map's up is grid north. The scale is the smallest usual cartographic scale
(1:200, 1:500, ...) at which every outline fits the frame, so a ruler on the printed plan
measures the ground.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Path, Polygon, Rect, String
from reportlab.lib import colors

_NICE_SCALES = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 25_000, 50_000, 100_000)
_NICE_LENGTHS_M = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000)
_METRES_PER_POINT_AT_1_1 = 0.0254 / 72  # one typographic point (1/72 inch) on paper, in metres
_MARGIN = 12.0
_BOTTOM_BAND = 26.0
_MAX_LABELLED_EDGES = 16
_MIN_LABELLED_EDGE_PT = 28.0

_PARCEL_FILL = colors.Color(0.93, 0.96, 0.90)
_PARCEL_LINE = colors.Color(0.10, 0.30, 0.10)
_BUILDING_FILL = colors.Color(0.72, 0.72, 0.72)
_HIGHLIGHT_FILL = colors.Color(0.85, 0.45, 0.20)

Ring = Sequence[Sequence[float]]


@dataclass(frozen=True)
class PlanTexts:
    """What the plan writes, in the extract's language."""

    north: str
    metres: str
    scale: str


@dataclass(frozen=True)
class _Frame:
    """Where ground metres go on the drawing: a point = (x - x0) / m_per_pt + left."""

    x0: float
    y0: float
    metres_per_point: float
    left: float
    bottom: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.left + (x - self.x0) / self.metres_per_point,
            self.bottom + (y - self.y0) / self.metres_per_point,
        )


def scale_for(*, extent_m: tuple[float, float], room_pt: tuple[float, float]) -> int:
    """The smallest usual scale denominator at which `extent_m` fits `room_pt` on paper."""
    needed = max(extent_m[0] / room_pt[0], extent_m[1] / room_pt[1]) / _METRES_PER_POINT_AT_1_1
    for scale in _NICE_SCALES:
        if scale >= needed:
            return scale
    return int(math.ceil(needed / 100_000) * 100_000)


def _scale_bar_metres(metres_per_point: float) -> int:
    """A round ground length whose bar is 40 to 100 points long."""
    for length in _NICE_LENGTHS_M:
        if length / metres_per_point >= 40:
            return length
    return _NICE_LENGTHS_M[-1]


def _rings(outline: dict[str, Any]) -> Iterable[Ring]:
    for polygon in outline["coordinates"]:
        yield from polygon


def _path(outline: dict[str, Any], frame: _Frame, **style: Any) -> Path:
    path = Path(fillMode=1, **style)  # 1 = even-odd: holes stay open
    for ring in _rings(outline):
        points = [frame.point(x, y) for x, y in ring]
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        path.closePath()
    return path


def _signed_area(points: Sequence[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(points)) / 2


def _edge_labels(outline: dict[str, Any], frame: _Frame, font: str) -> Group:
    """Each exterior edge's ground length in metres beside it, when there are few enough."""
    group = Group()
    for polygon in outline["coordinates"]:
        ring = polygon[0]
        if len(ring) - 1 > _MAX_LABELLED_EDGES:
            continue
        points = [frame.point(x, y) for x, y in ring]
        outward = 1.0 if _signed_area(points) > 0 else -1.0
        for ((gx1, gy1), (gx2, gy2)), ((px1, py1), (px2, py2)) in zip(
            pairwise(ring), pairwise(points), strict=True
        ):
            paper = math.hypot(px2 - px1, py2 - py1)
            if paper < _MIN_LABELLED_EDGE_PT:
                continue
            # The unit normal on the outside of a counter-clockwise ring is (dy, -dx).
            nx, ny = (py2 - py1) / paper * outward, -(px2 - px1) / paper * outward
            beside_vertical_edge = abs(nx) > abs(ny)
            anchor = ("start" if nx > 0 else "end") if beside_vertical_edge else "middle"
            x = (px1 + px2) / 2 + nx * (4 if beside_vertical_edge else 7)
            y = (py1 + py2) / 2 + ny * 7 - 2.5
            length = math.hypot(gx2 - gx1, gy2 - gy1)
            group.add(String(x, y, f"{length:.2f}", fontName=font, fontSize=6.5, textAnchor=anchor))
    return group


def _north_arrow(x: float, y: float, text: str, font: str) -> Group:
    group = Group()
    group.add(Polygon([x, y, x - 5, y - 14, x, y - 10], fillColor=colors.black, strokeWidth=0))
    group.add(
        Polygon(
            [x, y, x + 5, y - 14, x, y - 10],
            fillColor=colors.white,
            strokeColor=colors.black,
            strokeWidth=0.6,
        )
    )
    group.add(String(x, y - 24, text, fontName=font, fontSize=8, textAnchor="middle"))
    return group


def _scale_bar(frame: _Frame, scale: int, texts: PlanTexts, font: str) -> Group:
    group = Group()
    length_m = _scale_bar_metres(frame.metres_per_point)
    length_pt = length_m / frame.metres_per_point
    x, y = _MARGIN, 9.0
    for part in range(4):
        group.add(
            Rect(
                x + part * length_pt / 4,
                y,
                length_pt / 4,
                3.5,
                fillColor=colors.black if part % 2 == 0 else colors.white,
                strokeColor=colors.black,
                strokeWidth=0.5,
            )
        )
    group.add(String(x, y + 6, "0", fontName=font, fontSize=6.5, textAnchor="middle"))
    group.add(
        String(
            x + length_pt,
            y + 6,
            f"{length_m} {texts.metres}",
            fontName=font,
            fontSize=6.5,
            textAnchor="middle",
        )
    )
    group.add(
        String(
            x + length_pt + 22,
            y,
            f"{texts.scale} 1:{scale:,}".replace(",", " "),
            fontName=font,
            fontSize=7.5,
        )
    )
    return group


def plan_drawing(
    *,
    parcels: list[dict[str, Any]],
    buildings: list[dict[str, Any]],
    highlighted: set[str],
    width_pt: float,
    height_pt: float,
    texts: PlanTexts,
    font: str,
) -> tuple[Drawing, int]:
    """The plan of `parcels` with `buildings` (those in `highlighted` stand out); its scale."""
    points = [
        point
        for item in (*parcels, *buildings)
        for ring in _rings(item["outline"])
        for point in ring
    ]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    room = (width_pt - 2 * _MARGIN, height_pt - _MARGIN - _BOTTOM_BAND)
    extent = (max(max(xs) - min(xs), 0.01), max(max(ys) - min(ys), 0.01))
    scale = scale_for(extent_m=extent, room_pt=room)
    metres_per_point = scale * _METRES_PER_POINT_AT_1_1
    frame = _Frame(
        x0=(min(xs) + max(xs)) / 2,
        y0=(min(ys) + max(ys)) / 2,
        metres_per_point=metres_per_point,
        left=_MARGIN + room[0] / 2,
        bottom=_BOTTOM_BAND + room[1] / 2,
    )
    drawing = Drawing(width_pt, height_pt)
    drawing.add(
        Rect(0, 0, width_pt, height_pt, fillColor=None, strokeColor=colors.grey, strokeWidth=0.5)
    )
    for parcel in parcels:
        drawing.add(
            _path(
                parcel["outline"],
                frame,
                fillColor=_PARCEL_FILL,
                strokeColor=_PARCEL_LINE,
                strokeWidth=1.3,
            )
        )
    for building in buildings:
        fill = _HIGHLIGHT_FILL if building["cadastral_number"] in highlighted else _BUILDING_FILL
        drawing.add(
            _path(
                building["outline"],
                frame,
                fillColor=fill,
                strokeColor=colors.black,
                strokeWidth=0.6,
            )
        )
    for parcel in parcels:
        drawing.add(_edge_labels(parcel["outline"], frame, font))
    drawing.add(_north_arrow(width_pt - 16, height_pt - 8, texts.north, font))
    drawing.add(_scale_bar(frame, scale, texts, font))
    return drawing, scale
