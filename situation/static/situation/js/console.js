// The situation centre's operator console: a full-screen map of the open incidents and the
// appeals waiting for triage, kept current by the live feed, with the incident list, counts
// per district, the district dashboard and, for a selected incident, what surrounds it.
// Everything comes from this server; nothing from the internet.

import * as maplibregl from 'maplibre-gl';

import {addOverlays} from '../../citymap/js/overlays.js';
import {getJson} from './api.js';
import {Detail} from './detail.js';
import {addConsoleLayers, APPEAL_LAYERS, circle, INCIDENT_LAYERS, setData, showHeat} from './layers.js';
import {LiveFeed} from './live.js';
import {makeFormat, Panel} from './panel.js';
import {anchorOf, IncidentStore} from './store.js';

const config = JSON.parse(document.getElementById('console-config').textContent);
const text = config.text;
const format = makeFormat(config.language);
const PAGE_SIZE = 1000;
// Camera wedges are fetched for at most this many degrees around the centre of the view.
const WEDGE_BOX_DEG = 0.048;
const WEDGE_MIN_ZOOM = 15;
const FLASH_MS = 4000;
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)');

const store = new IncidentStore(config.openStates);
// Cameras that see the selected incident, and the wedges drawn now (by camera id).
let seeing = new Set();
let wedgeCache = [];
let wedgeRequest = null;
let wedgesWanted = true;
const state = {
    selected: null, // {kind: 'incident' | 'appeal', id}
    radius: config.radius,
    flash: new Map(),
    loaded: false,
    lastChangeAt: null,
};
// For scripted checks in the browser console and for support staff.
window.makonConsole = {store, state, config};

// --- Map -------------------------------------------------------------------------------------

let map;
try {
    map = new maplibregl.Map({
        container: 'map',
        style: config.urls.style,
        center: config.center,
        zoom: 11,
        minZoom: 9,
        maxZoom: 20,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        maxPitch: 0,
        attributionControl: false,
    });
} catch (error) {
    document.querySelector('.notice').textContent = text.loadFailed;
    document.querySelector('.notice').hidden = false;
    throw error;
}
map.touchZoomRotate.disableRotation();
map.keyboard.disableRotation();
window.makonMap = map;
map.addControl(new maplibregl.NavigationControl({showCompass: false}), 'top-right');
map.addControl(new maplibregl.ScaleControl({unit: 'metric', maxWidth: 120}), 'bottom-right');
map.addControl(new maplibregl.AttributionControl({compact: true}), 'bottom-right');
map.addControl({
    onAdd: () => document.getElementById('map-tools'),
    onRemove: () => {},
}, 'top-right');

let mapReady = false;

function redraw() {
    if (!mapReady) {
        return;
    }
    const selectedIncident = state.selected?.kind === 'incident' ? state.selected.id : null;
    const selectedAppeal = state.selected?.kind === 'appeal' ? state.selected.id : null;
    setData(map, 'console-incidents', {type: 'FeatureCollection', features: store.features(selectedIncident)});
    setData(map, 'console-heat', {type: 'FeatureCollection', features: store.anchors()});
    setData(map, 'console-appeals', {type: 'FeatureCollection', features: store.appealFeatures(selectedAppeal)});
}

// --- Panel and selection ---------------------------------------------------------------------

const panel = new Panel(config, format, {
    filtersChanged: (filters) => {
        store.filters = filters;
        render();
    },
    selectIncident: (id) => selectIncident(id, {fly: true}),
    selectAppeal: (id) => selectAppeal(id, {fly: true}),
    tabShown: (name) => {
        if (name === 'dashboard') {
            loadDashboard();
        }
    },
});

const detail = new Detail(config, format, panel, {
    close: () => unselect(),
    radiusChanged: (radius) => {
        state.radius = radius;
        if (state.selected?.kind === 'incident') {
            detail.loadSurroundings(state.selected.id, radius);
        }
    },
    surroundings: (around) => showSurroundings(around),
    flyTo: (lonlat) => map.easeTo({center: lonlat, zoom: Math.max(map.getZoom(), 17), duration: REDUCED_MOTION.matches ? 0 : 600}),
    changed: (incident) => {
        applyIncident(incident, 'changed');
        selectIncident(incident.id ?? incident.properties.id);
    },
    triaged: (incident) => {
        applyIncident(incident, 'new');
        panel.showTab('incidents');
        selectIncident(incident.id ?? incident.properties.id, {fly: false});
    },
});

function render() {
    const selectedId = state.selected?.kind === 'incident' ? state.selected.id : null;
    panel.renderIncidents(store.list(), store, {flash: state.flash, selectedId});
    panel.renderCounts(store.countsByDistrict(), store.filters.district);
    panel.renderAppeals(store, state.selected?.kind === 'appeal' ? state.selected.id : null);
    redraw();
}

function flyTo(geometry) {
    const point = anchorOf(geometry);
    if (point) {
        map.easeTo({center: point, zoom: Math.max(map.getZoom(), 16), duration: REDUCED_MOTION.matches ? 0 : 700});
    }
}

function clearSurroundings() {
    for (const id of ['console-radius', 'console-seeing', 'console-near-network']) {
        setData(map, id, null);
    }
}

function selectIncident(id, {fly = false} = {}) {
    state.selected = {kind: 'incident', id};
    const feature = store.incidents.get(id);
    if (fly && feature) {
        flyTo(feature.geometry);
    }
    clearSurroundings();
    detail.showIncident(id, {radius: state.radius});
    render();
}

function selectAppeal(id, {fly = false} = {}) {
    const appeal = store.appeals.get(id);
    if (!appeal) {
        return;
    }
    state.selected = {kind: 'appeal', id};
    if (fly) {
        flyTo({type: 'Point', coordinates: [appeal.longitude, appeal.latitude]});
    }
    clearSurroundings();
    detail.showAppeal(appeal);
    render();
}

function unselect() {
    state.selected = null;
    detail.hide();
    clearSurroundings();
    render();
}

function showSurroundings(around) {
    const feature = store.incidents.get(around.incident);
    const centre = feature ? anchorOf(feature.geometry) : null;
    setData(map, 'console-radius', centre
        ? {type: 'FeatureCollection', features: [circle(centre, around.radius_m)]}
        : null);
    setData(map, 'console-near-network', {
        type: 'FeatureCollection',
        features: around.segments.map((s) => ({type: 'Feature', properties: {id: s.feature_id}, geometry: s.geometry})),
    });
    seeing = new Set(around.cameras.map((camera) => camera.camera_id));
    showSeeing();
}

// --- Incidents and appeals: load once, then live ----------------------------------------------

function applyIncident(feature, how) {
    const id = feature.id ?? feature.properties.id;
    const status = store.put(feature);
    if (status === 'ignored') {
        return;
    }
    state.flash.set(id, status === 'new' ? 'new' : 'changed');
    state.lastChangeAt = performance.now();
    setTimeout(() => {
        state.flash.delete(id);
        render();
    }, FLASH_MS);
    render();
    if (state.selected?.kind === 'incident' && state.selected.id === id && how !== 'changed') {
        detail.showIncident(id, {radius: state.radius});
    }
}

async function loadIncidents() {
    const states = config.openStates.join(',');
    let url = `${config.urls.incidents}?state=${states}&page_size=${PAGE_SIZE}`;
    while (url) {
        const page = await getJson(url);
        for (const feature of page.features) {
            store.put(feature);
        }
        url = page.next;
    }
    state.loaded = true;
    render();
}

let dashboardPending = null;

async function loadDashboard() {
    try {
        panel.renderDashboard(await getJson(config.urls.dashboard));
    } catch {
        panel.showNotice(text.loadFailed);
    }
}

function dashboardSoon() {
    if (document.querySelector('[data-panel="dashboard"]').hidden || dashboardPending) {
        return;
    }
    dashboardPending = setTimeout(() => {
        dashboardPending = null;
        loadDashboard();
    }, 1500);
}

const feed = new LiveFeed(config.urls.stream, config.latestEventId, {
    incident: ({event, incident}) => {
        if (incident) {
            applyIncident(incident, 'live');
        } else {
            // No longer visible to this console (moved to another district).
            store.incidents.delete(event.incident);
            render();
        }
        dashboardSoon();
    },
    appeal: (appeal) => {
        store.putAppeal(appeal);
        state.lastChangeAt = performance.now();
        if (state.selected?.kind === 'appeal' && state.selected.id === appeal.id && appeal.state !== 'submitted') {
            unselect();
        }
        render();
    },
    appeals: (appeals) => {
        store.replaceAppeals(appeals);
        render();
    },
    reload: () => {
        store.incidents.clear();
        loadIncidents();
    },
}, (status) => panel.setStatus(status));

// The operator's list turns overdue as the clock passes, without any event.
setInterval(render, 60_000);

// --- Camera wedges ----------------------------------------------------------------------------

function showSeeing() {
    setData(map, 'console-seeing', {
        type: 'FeatureCollection',
        features: wedgeCache.filter((feature) => seeing.has(feature.id)),
    });
}

async function loadWedges() {
    if (!mapReady) {
        return;
    }
    if (!wedgesWanted || map.getZoom() < WEDGE_MIN_ZOOM) {
        wedgeCache = [];
        setData(map, 'console-wedges', null);
        showSeeing();
        return;
    }
    const bounds = map.getBounds();
    const centre = map.getCenter();
    const half = WEDGE_BOX_DEG / 2;
    const box = [
        Math.max(bounds.getWest(), centre.lng - half), Math.max(bounds.getSouth(), centre.lat - half),
        Math.min(bounds.getEast(), centre.lng + half), Math.min(bounds.getNorth(), centre.lat + half),
    ].map((value) => value.toFixed(6));
    if (wedgeRequest) {
        wedgeRequest.abort();
    }
    wedgeRequest = new AbortController();
    try {
        const answer = await getJson(`${config.urls.wedges}?bbox=${box.join(',')}`, {signal: wedgeRequest.signal});
        wedgeCache = answer.features;
        setData(map, 'console-wedges', answer);
        showSeeing();
    } catch (error) {
        if (error.name !== 'AbortError') {
            console.warn('Camera wedges:', error.message);
        }
    }
}

document.querySelector('#map-tools').addEventListener('change', (event) => {
    if (event.target.name === 'density') {
        showHeat(map, event.target.value === 'heat');
    } else if (event.target.name === 'wedges') {
        wedgesWanted = event.target.checked;
        loadWedges();
    }
});

// --- Start --------------------------------------------------------------------------------

map.on('error', (event) => console.warn('Map:', event.error && event.error.message));

map.once('load', () => {
    addOverlays(map, config.urls.tilejson, ['parcels', 'buildings', 'infrastructure', 'cameras', 'admin_areas']);
    addConsoleLayers(map);
    mapReady = true;
    redraw();
    loadWedges();
    map.on('moveend', loadWedges);
    const clickable = [...APPEAL_LAYERS, ...INCIDENT_LAYERS];
    map.on('click', (event) => {
        const box = [[event.point.x - 4, event.point.y - 4], [event.point.x + 4, event.point.y + 4]];
        const [hit] = map.queryRenderedFeatures(box, {layers: clickable.filter((id) => map.getLayer(id))});
        if (!hit) {
            return;
        }
        const id = hit.properties.id;
        if (hit.layer.id === 'console-appeals') {
            panel.showTab('appeals');
            selectAppeal(id);
        } else {
            panel.showTab('incidents');
            selectIncident(id);
        }
    });
    map.on('mousemove', (event) => {
        const box = [[event.point.x - 4, event.point.y - 4], [event.point.x + 4, event.point.y + 4]];
        const hits = map.queryRenderedFeatures(box, {layers: clickable.filter((id) => map.getLayer(id))});
        map.getCanvas().style.cursor = hits.length ? 'pointer' : '';
    });
});

async function start() {
    try {
        // The dashboard names the districts this operator may see: they make the filter.
        const dashboard = await getJson(config.urls.dashboard);
        panel.setDistricts(dashboard.districts.filter((row) => row.district_id !== null)
            .map((row) => ({id: row.district_id, name: row.name})));
        panel.renderDashboard(dashboard);
    } catch {
        panel.showNotice(text.loadFailed);
    }
    try {
        await loadIncidents();
    } catch {
        panel.showNotice(text.loadFailed);
    }
    feed.start();
}

start();
