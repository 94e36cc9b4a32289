// Layers the page draws over the tiles app's style: utility networks other than roads, their
// nodes, and street cameras (the style itself draws roads only and has no camera source).
// All of them read Makon's own tile sources.

import {sourceLayerName} from './layers.js';

// Utility colours after the usual marking code: power red, gas yellow, telecom orange,
// water blue, sewer green; district heating has no code colour and gets magenta.
export const NETWORK_COLOURS = {
    water: '#1f6fb4',
    sewer: '#2e8b3d',
    gas: '#d9a600',
    power: '#d1271d',
    heating: '#b8327a',
    telecom: '#ef7d1a',
};

const NETWORK_COLOUR = ['match', ['get', 'network'], ...Object.entries(NETWORK_COLOURS).flat(), '#666666'];
const NETWORK_MIN_ZOOM = 16.5;
const IN_SERVICE = ['match', ['get', 'status'], ['operational', 'under_repair'], 1, 0.45];

function findSource(style, name, names) {
    for (const [id, source] of Object.entries(style.sources || {})) {
        if (sourceLayerName(id, source, names) === name) {
            return id;
        }
    }
    return null;
}

/** Add the networks and cameras; `tilejson` maps a tile layer name to its TileJSON URL. */
export function addOverlays(map, tilejson, names) {
    const style = map.getStyle();
    const below = style.layers.find((layer) => layer.id === 'building') ? 'building' : undefined;

    let networks = findSource(style, 'infrastructure', names);
    if (!networks && tilejson.infrastructure) {
        networks = 'makon-infrastructure';
        map.addSource(networks, {type: 'vector', url: tilejson.infrastructure});
    }
    if (networks) {
        map.addLayer({
            id: 'makon-networks',
            type: 'line',
            source: networks,
            'source-layer': 'infrastructure',
            // Networks run along every street: drawn from a whole city, they only hide it.
            minzoom: NETWORK_MIN_ZOOM,
            filter: ['!=', ['get', 'network'], 'road'],
            layout: {'line-cap': 'round', 'line-join': 'round'},
            paint: {
                'line-color': NETWORK_COLOUR,
                'line-opacity': IN_SERVICE,
                'line-width': ['interpolate', ['linear'], ['zoom'], NETWORK_MIN_ZOOM, 1, 19, 2.5],
            },
        }, below);
        map.addLayer({
            id: 'makon-network-nodes',
            type: 'circle',
            source: networks,
            'source-layer': 'infrastructure_nodes',
            minzoom: 17.5,
            filter: ['!=', ['get', 'network'], 'road'],
            paint: {
                'circle-radius': ['interpolate', ['linear'], ['zoom'], 17.5, 2.5, 20, 4.5],
                'circle-color': '#ffffff',
                'circle-stroke-color': NETWORK_COLOUR,
                'circle-stroke-width': 1.5,
            },
        }, below);
    }

    let cameras = findSource(style, 'cameras', names);
    if (!cameras && tilejson.cameras) {
        cameras = 'makon-cameras';
        map.addSource(cameras, {type: 'vector', url: tilejson.cameras});
    }
    if (cameras) {
        map.addLayer({
            id: 'makon-cameras',
            type: 'circle',
            source: cameras,
            'source-layer': 'cameras',
            paint: {
                'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 3, 18, 6],
                'circle-color': ['match', ['get', 'status'], 'active', '#b3261e', '#8a8f96'],
                'circle-stroke-color': '#ffffff',
                'circle-stroke-width': 1.5,
            },
        });
    }
}
