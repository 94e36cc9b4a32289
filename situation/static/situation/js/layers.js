// The console's own map layers over the shared style: incidents coloured by severity and
// state, a heat map for many of them, appeals waiting for triage, camera view wedges, and the
// selection (its radius, the cameras that see it, its network nearby).

export const SEVERITY_COLOURS = {1: '#2e7d32', 2: '#f9a825', 3: '#ef6c00', 4: '#c62828'};
export const STATE_COLOURS = {
    new: '#ffffff',
    triaged: '#90caf9',
    assigned: '#1e88e5',
    in_progress: '#6a1b9a',
    on_hold: '#9e9e9e',
};
export const APPEAL_COLOUR = '#7b1fa2';

const SEVERITY = ['match', ['get', 'severity'], ...Object.entries(SEVERITY_COLOURS).flatMap(([k, v]) => [Number(k), v]), '#777777'];
const STATE = ['match', ['get', 'state'], ...Object.entries(STATE_COLOURS).flat(), '#ffffff'];
const EMPTY = {type: 'FeatureCollection', features: []};
// Below this zoom the heat map stands for the incidents when it is switched on.
const HEAT_MAX_ZOOM = 15;

const IS_POINT = ['==', ['geometry-type'], 'Point'];
const IS_LINE = ['==', ['geometry-type'], 'LineString'];
const IS_AREA = ['==', ['geometry-type'], 'Polygon'];

export const INCIDENT_LAYERS = ['console-incident-areas', 'console-incident-lines', 'console-incident-points'];
export const APPEAL_LAYERS = ['console-appeals'];

function source(map, id, options = {}) {
    map.addSource(id, {type: 'geojson', data: EMPTY, ...options});
}

export function addConsoleLayers(map) {
    for (const id of ['console-wedges', 'console-radius', 'console-near-network', 'console-incidents',
        'console-heat', 'console-appeals', 'console-seeing']) {
        source(map, id);
    }

    map.addLayer({
        id: 'console-wedges-fill', type: 'fill', source: 'console-wedges',
        paint: {
            'fill-color': ['match', ['get', 'status'], 'active', '#1d5fa6', '#8a8f96'],
            'fill-opacity': 0.12,
        },
    });
    map.addLayer({
        id: 'console-wedges-line', type: 'line', source: 'console-wedges',
        paint: {'line-color': '#1d5fa6', 'line-width': 0.8, 'line-opacity': 0.6},
    });
    map.addLayer({
        id: 'console-seeing-fill', type: 'fill', source: 'console-seeing',
        paint: {'fill-color': '#00a0b0', 'fill-opacity': 0.28},
    });
    map.addLayer({
        id: 'console-seeing-line', type: 'line', source: 'console-seeing',
        paint: {'line-color': '#007c89', 'line-width': 2},
    });
    map.addLayer({
        id: 'console-radius-line', type: 'line', source: 'console-radius',
        paint: {'line-color': '#0f2f52', 'line-width': 1.5, 'line-dasharray': [3, 2]},
    });
    map.addLayer({
        id: 'console-near-network', type: 'line', source: 'console-near-network',
        layout: {'line-cap': 'round'},
        paint: {'line-color': '#00bcd4', 'line-width': 4, 'line-opacity': 0.5},
    });

    map.addLayer({
        id: 'console-heat', type: 'heatmap', source: 'console-heat', maxzoom: HEAT_MAX_ZOOM,
        layout: {visibility: 'none'},
        paint: {
            'heatmap-weight': ['interpolate', ['linear'], ['get', 'severity'], 1, 0.4, 4, 1],
            'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 15, 2.5],
            'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 9, 8, 15, 28],
            'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.85, HEAT_MAX_ZOOM, 0],
            'heatmap-color': [
                'interpolate', ['linear'], ['heatmap-density'],
                0, 'rgba(255,255,255,0)', 0.2, '#fee391', 0.45, '#fe9929', 0.7, '#ec7014', 1, '#b30000',
            ],
        },
    });

    map.addLayer({
        id: 'console-incident-areas', type: 'fill', source: 'console-incidents', filter: IS_AREA,
        paint: {'fill-color': SEVERITY, 'fill-opacity': 0.3, 'fill-outline-color': SEVERITY},
    });
    map.addLayer({
        id: 'console-incident-lines', type: 'line', source: 'console-incidents',
        filter: ['any', IS_LINE, IS_AREA],
        layout: {'line-cap': 'round', 'line-join': 'round'},
        paint: {
            'line-color': SEVERITY,
            'line-width': ['case', ['get', 'selected'], 6, ['get', 'overdue'], 4.5, 3],
        },
    });
    map.addLayer({
        id: 'console-incident-points', type: 'circle', source: 'console-incidents', filter: IS_POINT,
        paint: {
            'circle-color': SEVERITY,
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 16, 8, 19, 11],
            'circle-stroke-color': ['case', ['get', 'overdue'], '#111111', STATE],
            'circle-stroke-width': ['case', ['get', 'selected'], 5, ['get', 'overdue'], 3, 2],
        },
    });
    map.addLayer({
        id: 'console-appeals', type: 'circle', source: 'console-appeals',
        paint: {
            'circle-color': '#ffffff',
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 16, 8, 19, 11],
            'circle-stroke-color': APPEAL_COLOUR,
            'circle-stroke-width': ['case', ['get', 'selected'], 6, 4],
        },
    });
}

export function setData(map, id, data) {
    const found = map.getSource(id);
    if (found) {
        found.setData(data || EMPTY);
    }
}

/** Heat map (true) or single incidents (false) at the zooms where both are possible. */
export function showHeat(map, heat) {
    map.setLayoutProperty('console-heat', 'visibility', heat ? 'visible' : 'none');
    for (const id of INCIDENT_LAYERS) {
        map.setLayerZoomRange(id, heat ? HEAT_MAX_ZOOM - 1 : 0, 24);
    }
}

/** A circle of `radiusM` metres around [lon, lat] as a GeoJSON polygon (spherical, for show). */
export function circle([lon, lat], radiusM, steps = 64) {
    const earth = 6371008.8;
    const ring = [];
    const latR = (lat * Math.PI) / 180;
    for (let i = 0; i <= steps; i += 1) {
        const bearing = (2 * Math.PI * i) / steps;
        const dLat = (radiusM / earth) * Math.cos(bearing);
        const dLon = ((radiusM / earth) * Math.sin(bearing)) / Math.cos(latR);
        ring.push([lon + (dLon * 180) / Math.PI, lat + (dLat * 180) / Math.PI]);
    }
    return {type: 'Feature', properties: {}, geometry: {type: 'Polygon', coordinates: [ring]}};
}
