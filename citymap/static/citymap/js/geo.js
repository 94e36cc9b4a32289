// Small geometry helpers for GeoJSON in EPSG:4326 (longitude first).

function eachPosition(geometry, visit) {
    const walk = (coordinates) => {
        if (typeof coordinates[0] === 'number') {
            visit(coordinates);
        } else {
            coordinates.forEach(walk);
        }
    };
    if (geometry.type === 'GeometryCollection') {
        geometry.geometries.forEach((part) => eachPosition(part, visit));
    } else {
        walk(geometry.coordinates);
    }
}

/** [west, south, east, north] of a GeoJSON geometry, or null when it has no position. */
export function geometryBounds(geometry) {
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    eachPosition(geometry, ([lon, lat]) => {
        west = Math.min(west, lon);
        south = Math.min(south, lat);
        east = Math.max(east, lon);
        north = Math.max(north, lat);
    });
    return west <= east ? [west, south, east, north] : null;
}

export function unionBounds(boxes) {
    const present = boxes.filter(Boolean);
    if (present.length === 0) {
        return null;
    }
    return [
        Math.min(...present.map((box) => box[0])),
        Math.min(...present.map((box) => box[1])),
        Math.max(...present.map((box) => box[2])),
        Math.max(...present.map((box) => box[3])),
    ];
}

function ringArea(ring) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    }
    return Math.abs(sum) / 2;
}

function ringCentroid(ring) {
    let area = 0, x = 0, y = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        area += cross;
        x += (ring[j][0] + ring[i][0]) * cross;
        y += (ring[j][1] + ring[i][1]) * cross;
    }
    if (area === 0) {
        return ring[0];
    }
    return [x / (3 * area), y / (3 * area)];
}

/** Where to put a label: the centroid of the largest outer ring of a (multi)polygon. */
export function labelPoint(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    let best = null;
    for (const polygon of polygons) {
        const area = ringArea(polygon[0]);
        if (best === null || area > best.area) {
            best = {area, ring: polygon[0]};
        }
    }
    return best ? ringCentroid(best.ring) : null;
}
