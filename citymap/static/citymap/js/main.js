// Makon's public city map: Makon's own vector tiles, district list, search, and the public
// card of a parcel or building. Everything comes from this server; nothing from the internet.

import * as maplibregl from 'maplibre-gl';

import {ApiError, getJson} from './api.js';
import {Card} from './card.js';
import {Districts} from './districts.js';
import {makeFormat} from './format.js';
import {geometryBounds} from './geo.js';
import {LayersControl} from './layers.js';
import {addOverlays, NETWORK_COLOURS} from './overlays.js';
import {Search} from './search.js';

const config = JSON.parse(document.getElementById('citymap-config').textContent);
const text = config.text;
const format = makeFormat(config.language, text);

// Central Tashkent, shown until the district outlines give the city's extent.
const START = {center: [69.2797, 41.3111], zoom: 11};
const OBJECT_MAX_ZOOM = 18.5;
const AREA_MAX_ZOOM = 16;
const SELECT_ZOOM = 14;
const WIDE_SCREEN = window.matchMedia('(min-width: 760px)');
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)');

const topbar = document.querySelector('.topbar');
const sheet = document.querySelector('.sheet');
const overview = document.getElementById('overview');
const notice = document.querySelector('.notice');

function showNotice(message) {
    notice.textContent = message;
    notice.hidden = !message;
}

function createMap(options) {
    try {
        return new maplibregl.Map(options);
    } catch (error) {
        // MapLibre needs WebGL; some locked-down browsers have it switched off.
        showNotice(text.noWebgl);
        throw error;
    }
}

const map = createMap({
    container: 'map',
    style: config.urls.style,
    center: START.center,
    zoom: START.zoom,
    minZoom: 9,
    maxZoom: 20,
    // A cadastral map stays north-up and flat, as on a printed plan.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    attributionControl: false,
});
map.touchZoomRotate.disableRotation();
map.keyboard.disableRotation();
// For scripted checks and support staff in the browser console.
window.makonMap = map;

const layers = new LayersControl(
    document.getElementById('layers-template'),
    {landUse: config.landUse, network: config.network, networkColours: NETWORK_COLOURS},
    (name, visible) => {
        if (name === 'admin_areas') {
            districts.showLabels(visible);
        }
    },
);
map.addControl(layers, 'top-right');
map.addControl(new maplibregl.NavigationControl({showCompass: false}), 'top-right');
map.addControl(new maplibregl.ScaleControl({unit: 'metric', maxWidth: 120}), 'bottom-right');
// The tile sources name their attribution (Makon's own cadastre).
map.addControl(new maplibregl.AttributionControl({compact: false}), 'bottom-right');

// --- Room taken by the panels: the map's padding keeps objects clear of them -----------------

function overlayPadding() {
    const frame = map.getContainer().getBoundingClientRect();
    const bar = topbar.getBoundingClientRect();
    if (WIDE_SCREEN.matches) {
        return {top: 16, bottom: 16, right: 64, left: Math.max(16, bar.right - frame.left + 16)};
    }
    const panel = sheet.getBoundingClientRect();
    return {
        top: Math.max(12, bar.bottom - frame.top + 12),
        bottom: Math.max(12, frame.bottom - panel.top + 12),
        left: 12,
        right: 12,
    };
}

let appliedPadding = '';
let paddingPending = false;

function updatePadding() {
    const root = document.documentElement.style;
    root.setProperty('--sheet-height', `${Math.round(sheet.getBoundingClientRect().height)}px`);
    root.setProperty('--topbar-bottom', `${Math.round(topbar.getBoundingClientRect().bottom)}px`);
    const padding = overlayPadding();
    if (JSON.stringify(padding) === appliedPadding) {
        return;
    }
    // Changing the padding ends a camera animation, such as the flight to a search result.
    if (map.isMoving()) {
        if (!paddingPending) {
            paddingPending = true;
            map.once('moveend', () => {
                paddingPending = false;
                updatePadding();
            });
        }
        return;
    }
    appliedPadding = JSON.stringify(padding);
    map.setPadding(padding);
}

new ResizeObserver(updatePadding).observe(sheet);
new ResizeObserver(updatePadding).observe(topbar);
WIDE_SCREEN.addEventListener('change', updatePadding);
updatePadding();

function fitTo(bounds, maxZoom, animate = true) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]], {
        padding: 24, maxZoom, duration: animate && !REDUCED_MOTION.matches ? 700 : 0,
    });
}

const handle = document.querySelector('.sheet-handle');
handle.addEventListener('click', () => {
    const expanded = !sheet.classList.contains('is-expanded');
    sheet.classList.toggle('is-expanded', expanded);
    handle.setAttribute('aria-expanded', String(expanded));
});

// --- Selection: the card, the outline on the map and the page's URL --------------------------

let current = null;
let selectionRequest = null;

const card = new Card(document.getElementById('card'), config, format, {
    open: (kind, number) => select(kind, number),
    close: () => unselect(),
    zoom: () => { if (current && current.bounds) fitTo(current.bounds, OBJECT_MAX_ZOOM); },
});

function setSelectionGeometry(geometry) {
    const source = map.getSource('makon-selection');
    if (source) {
        source.setData(geometry
            ? {type: 'Feature', properties: {}, geometry}
            : {type: 'FeatureCollection', features: []});
    }
}

function pageTitle(kind, number) {
    const base = document.title.split(' · ').slice(-2).join(' · ');
    return kind ? `${text[kind]} ${number} · ${base}` : base;
}

async function select(kind, number, {bounds = null, push = true} = {}) {
    if (selectionRequest) {
        selectionRequest.abort();
    }
    const request = new AbortController();
    selectionRequest = request;
    current = {kind, number, bounds};
    if (push) {
        history.pushState({kind, number}, '', card.pageUrl(kind, number));
    }
    document.title = pageTitle(kind, number);
    showNotice('');
    overview.hidden = true;
    card.loading(kind, number);
    if (bounds) {
        fitTo(bounds, OBJECT_MAX_ZOOM);
    }
    const api = kind === 'parcel' ? config.urls.parcelApi : config.urls.buildingApi;
    try {
        const feature = await getJson(`${api}${encodeURIComponent(number)}/`, {signal: request.signal});
        if (current === null || current.number !== number) {
            return;
        }
        current.bounds = geometryBounds(feature.geometry);
        card[kind](feature);
        setSelectionGeometry(feature.geometry);
        if (!bounds && current.bounds) {
            fitTo(current.bounds, OBJECT_MAX_ZOOM);
        }
    } catch (error) {
        if (error.name === 'AbortError') {
            return;
        }
        setSelectionGeometry(null);
        card.failed(kind, number, error instanceof ApiError && error.status === 404 ? error.message : '');
    }
}

function unselect({push = true} = {}) {
    if (selectionRequest) {
        selectionRequest.abort();
    }
    current = null;
    card.hide();
    overview.hidden = false;
    setSelectionGeometry(null);
    document.title = pageTitle(null);
    if (push) {
        history.pushState({}, '', config.urls.home);
    }
}

function selectionFromLocation() {
    const parcel = config.urls.parcelPage.split('NUMBER');
    const building = config.urls.buildingPage.split('NUMBER');
    const path = decodeURIComponent(window.location.pathname);
    for (const [kind, [head, tail]] of [['parcel', parcel], ['building', building]]) {
        if (path.startsWith(head) && path.endsWith(tail) && path.length > head.length + tail.length) {
            return {kind, number: path.slice(head.length, path.length - tail.length)};
        }
    }
    return null;
}

window.addEventListener('popstate', () => {
    const wanted = selectionFromLocation();
    if (wanted) {
        select(wanted.kind, wanted.number, {push: false});
    } else {
        unselect({push: false});
    }
});

// --- Search and districts ----------------------------------------------------------------------

new Search(document.querySelector('.search'), config, (hit) => {
    select(hit.kind, hit.cadastral_number, {bounds: hit.bbox});
});

const districts = new Districts(document.getElementById('district-list'), config, (bounds) => {
    fitTo(bounds, AREA_MAX_ZOOM);
});
const cityBounds = districts.load();

// --- The map: tile layers, selection outline, clicks -------------------------------------------

function clickableLayers() {
    return [...layers.visibleLayers('buildings'), ...layers.visibleLayers('parcels')]
        .filter((id) => map.getLayer(id));
}

function objectAt(point) {
    const box = [[point.x - 3, point.y - 3], [point.x + 3, point.y + 3]];
    const buildingLayers = new Set(layers.visibleLayers('buildings'));
    const features = map.queryRenderedFeatures(box, {layers: clickableLayers()});
    for (const feature of features) {
        const number = feature.properties && feature.properties.cadastral_number;
        if (number) {
            return {kind: buildingLayers.has(feature.layer.id) ? 'building' : 'parcel', number};
        }
    }
    return features.length ? {kind: 'aggregate'} : null;
}

map.on('click', (event) => {
    const found = objectAt(event.point);
    if (found === null) {
        return;
    }
    if (found.kind === 'aggregate') {
        showNotice(text.zoomInToSelect);
        map.once('moveend', () => showNotice(''));
        map.easeTo({center: event.lngLat, zoom: Math.max(map.getZoom() + 2, SELECT_ZOOM + 0.5)});
        return;
    }
    select(found.kind, found.number);
});

let hoverPending = false;
map.on('mousemove', (event) => {
    if (hoverPending) {
        return;
    }
    hoverPending = true;
    requestAnimationFrame(() => {
        hoverPending = false;
        map.getCanvas().style.cursor = objectAt(event.point) ? 'pointer' : '';
    });
});

map.on('error', (event) => {
    if (!map.isStyleLoaded()) {
        showNotice(text.mapFailed);
    }
    console.warn('Map:', event.error && event.error.message);
});

map.once('load', async () => {
    addOverlays(map, config.urls.tilejson, layers.names());
    layers.bind(map.getStyle());
    card.colours = layers.landUseColours;
    map.addSource('makon-selection', {type: 'geojson', data: {type: 'FeatureCollection', features: []}});
    map.addLayer({
        id: 'makon-selection-fill', type: 'fill', source: 'makon-selection',
        paint: {'fill-color': '#f2b705', 'fill-opacity': 0.28},
    });
    map.addLayer({
        id: 'makon-selection-halo', type: 'line', source: 'makon-selection',
        paint: {'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.9},
    });
    map.addLayer({
        id: 'makon-selection-line', type: 'line', source: 'makon-selection',
        paint: {'line-color': '#b3261e', 'line-width': 2.5},
    });

    const bounds = await cityBounds;
    districts.addLabels(map);
    districts.showLabels(layers.isVisible('admin_areas'));
    const wanted = config.selected || queryParameterSelection();
    if (wanted) {
        select(wanted.kind, wanted.number, {push: false});
    } else if (bounds) {
        fitTo(bounds, AREA_MAX_ZOOM, false);
    }
});

/** ?parcel=... or ?building=... from an older link; replaced by the page URL. */
function queryParameterSelection() {
    const params = new URLSearchParams(window.location.search);
    for (const kind of ['parcel', 'building']) {
        if (params.get(kind)) {
            const number = params.get(kind).trim();
            history.replaceState({kind, number}, '', card.pageUrl(kind, number));
            return {kind, number};
        }
    }
    return null;
}
