// "My property": my parcels, buildings and flats on the city map and as a list; for each, my
// share, co-holders, encumbrances with their documents, the history of registrations and who
// looked at it. Everything comes from the portal API, which decides what I may see.

import * as maplibregl from 'maplibre-gl';

import {ApiError, getJson} from '../../citymap/js/api.js';
import {geometryBounds, unionBounds} from '../../citymap/js/geo.js';
import {dateTime, day, el, fill, shareText, sourceLinks} from './dom.js';

const config = JSON.parse(document.getElementById('portal-config').textContent);
const text = config.text;
const language = config.language;

const notice = document.querySelector('.notice');
const list = document.getElementById('property-list');
const detail = document.getElementById('property-detail');
const bell = document.getElementById('bell');
const bellCount = document.getElementById('bell-count');
const notifications = document.getElementById('notifications');
const notificationList = document.getElementById('notification-list');
const OBJECT_MAX_ZOOM = 18.5;

function showNotice(message) {
    notice.textContent = message;
    notice.hidden = !message;
}

function csrfToken() {
    const input = document.querySelector('input[name=csrfmiddlewaretoken]');
    return input ? input.value : '';
}

let map;
try {
    map = new maplibregl.Map({
        container: 'map',
        style: config.urls.style,
        center: [69.2797, 41.3111],
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
    showNotice(text.noWebgl);
    throw error;
}
map.touchZoomRotate.disableRotation();
map.keyboard.disableRotation();
map.addControl(new maplibregl.NavigationControl({showCompass: false}), 'top-right');
map.addControl(new maplibregl.ScaleControl({unit: 'metric', maxWidth: 120}), 'bottom-right');
map.addControl(new maplibregl.AttributionControl({compact: false}), 'bottom-right');
window.makonMap = map;

function leftPadding() {
    const panel = document.querySelector('.panel').getBoundingClientRect();
    const frame = map.getContainer().getBoundingClientRect();
    return window.matchMedia('(min-width: 760px)').matches ? panel.right - frame.left + 24 : 24;
}

function fitTo(bounds) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]], {
        padding: {top: 48, bottom: 48, right: 64, left: leftPadding()},
        maxZoom: OBJECT_MAX_ZOOM,
        duration: 0,
    });
}

// --- My objects on the map -------------------------------------------------------------------

const mapReady = new Promise((resolve) => map.once('load', resolve));

function featuresOf(properties) {
    const features = [];
    for (const property of properties) {
        for (const object of property.objects) {
            if (object.geometry) {
                features.push({
                    type: 'Feature',
                    geometry: object.geometry,
                    properties: {
                        property: property.cadastral_number,
                        cadastral_number: object.cadastral_number,
                        kind: object.kind,
                    },
                });
            }
        }
    }
    return {type: 'FeatureCollection', features};
}

async function drawMine(properties) {
    await mapReady;
    const data = featuresOf(properties);
    map.addSource('my-property', {type: 'geojson', data});
    map.addLayer({
        id: 'my-property-fill', type: 'fill', source: 'my-property',
        paint: {'fill-color': '#1d5fa6', 'fill-opacity': 0.35},
    });
    map.addLayer({
        id: 'my-property-halo', type: 'line', source: 'my-property',
        paint: {'line-color': '#ffffff', 'line-width': 5, 'line-opacity': 0.9},
    });
    map.addLayer({
        id: 'my-property-line', type: 'line', source: 'my-property',
        paint: {'line-color': '#0f2f52', 'line-width': 2.5},
    });
    map.addSource('my-selection', {type: 'geojson', data: {type: 'FeatureCollection', features: []}});
    map.addLayer({
        id: 'my-selection-line', type: 'line', source: 'my-selection',
        paint: {'line-color': '#b3261e', 'line-width': 3},
    });
    map.on('click', 'my-property-fill', (event) => {
        const feature = event.features && event.features[0];
        if (feature) {
            select(feature.properties.property);
        }
    });
    map.on('mouseenter', 'my-property-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', 'my-property-fill', () => { map.getCanvas().style.cursor = ''; });
    const bounds = unionBounds(data.features.map((f) => geometryBounds(f.geometry)));
    if (bounds) {
        fitTo(bounds);
    }
    // For scripted checks: what was drawn, once the map has it.
    window.makonMyProperty = {features: data.features};
}

function boundsOf(property) {
    return unionBounds(property.objects.filter((o) => o.geometry).map((o) => geometryBounds(o.geometry)));
}

// --- The list ----------------------------------------------------------------------------------

let properties = [];

function ownershipShare(property) {
    const kinds = Object.keys(property.my_shares);
    if (kinds.length === 0) {
        return '';
    }
    const main = property.my_shares.ownership || property.my_shares[kinds[0]];
    return shareText(main);
}

function renderList() {
    list.replaceChildren();
    list.removeAttribute('aria-busy');
    if (properties.length === 0) {
        list.append(el('li', {class: 'muted'}, text.noProperty));
        return;
    }
    for (const property of properties) {
        list.append(el('li', {},
            el('button', {type: 'button', class: 'property-item', dataset: {number: property.cadastral_number}},
                el('span', {class: 'number'}, property.cadastral_number),
                el('span', {class: 'share', title: text.myShare}, ownershipShare(property)),
                el('span', {class: 'kind'}, property.kind_label),
                el('span', {class: 'address'}, property.address),
            )));
    }
}

list.addEventListener('click', (event) => {
    const button = event.target.closest('.property-item');
    if (button) {
        select(button.dataset.number);
    }
});

// --- One property --------------------------------------------------------------------------------

let selected = null;

function rightsSection(property) {
    return [
        el('h3', {}, text.rights),
        property.rights.map((right) => el('div', {class: 'fact'},
            el('div', {class: 'fact-title'}, `${right.type_label} · ${right.holders.join(', ')}`),
            right.my_share
                ? el('div', {}, `${text.myShare}: `, el('span', {class: 'share-big my-share'}, shareText(right.my_share)))
                : null,
            el('div', {class: 'fact-meta'}, `№ ${right.registration_number} · ${day(language, right.registered_on)}`),
            sourceLinks(right.sources, text.documents),
        )),
        el('h3', {}, text.coHolders),
        el('p', {class: 'co-holders'}, property.co_holders.length ? property.co_holders.join(', ') : text.noCoHolders),
    ];
}

function encumbrancesSection(property) {
    const items = property.encumbrances.map((item) => el('div', {class: 'fact encumbrance', dataset: {type: item.type}},
        el('div', {class: 'fact-title'}, `${item.type_label} № ${item.registration_number}`),
        el('div', {class: 'fact-meta'}, [
            day(language, item.registered_on),
            item.beneficiary ? ` · ${text.beneficiary}: ${item.beneficiary}` : '',
            item.amount ? ` · ${text.amount}: ${Number(item.amount).toLocaleString()} ${text.soum}` : '',
            item.rank ? ` · ${text.rank} ${item.rank}` : '',
        ].join('')),
        item.description ? el('div', {}, item.description) : null,
        sourceLinks(item.sources, text.documents),
    ));
    return [
        el('h3', {}, text.encumbrances),
        items.length ? items : el('p', {class: 'muted'}, text.noEncumbrances),
        property.responsibilities.length ? el('h3', {}, text.responsibilities) : null,
        property.responsibilities.map((item) => el('div', {class: 'fact'},
            el('div', {class: 'fact-title'}, `${item.type_label} № ${item.registration_number}`),
            item.description ? el('div', {}, item.description) : null,
            sourceLinks(item.sources, text.documents),
        )),
    ];
}

function historySection(history) {
    const rows = history.map((entry) => el('tr', {class: entry.valid_until ? 'is-ended' : ''},
        el('td', {}, entry.type_label, entry.registration_number ? ` № ${entry.registration_number}` : '', ` v${entry.version}`),
        el('td', {}, entry.holders.join(', '), entry.share ? ` ${entry.share.fraction}` : ''),
        el('td', {}, day(language, entry.valid_from)),
        el('td', {}, entry.valid_until ? day(language, entry.valid_until) : text.inForce),
    ));
    return [
        el('h3', {}, text.history),
        el('table', {class: 'history-table'},
            el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, ''), el('th', {}, text.from), el('th', {}, text.until))),
            el('tbody', {}, rows)),
    ];
}

function auditSection(entries) {
    const others = entries.filter((entry) => !entry.is_me);
    const own = entries.length - others.length;
    return [
        el('h3', {}, text.audit),
        others.length
            ? el('ul', {class: 'plain-list audit-list'}, others.map((entry) => el('li', {dataset: {action: entry.action}},
                el('time', {datetime: entry.at}, dateTime(language, entry.at)),
                el('span', {class: 'audit-who'}, entry.who), ' · ', entry.action_label,
                entry.purpose ? el('div', {class: 'audit-purpose'}, `${text.purpose}: ${entry.purpose}`) : null,
            )))
            : el('p', {class: 'muted'}, text.noAudit),
        own ? el('p', {class: 'muted'}, text.ownReads.replace('{count}', own)) : null,
    ];
}

function renderDetail(body) {
    const property = body.property;
    fill(detail, 
        el('p', {class: 'card-kind'}, property.kind_label),
        el('h2', {class: 'detail-number'}, property.cadastral_number),
        el('p', {class: 'card-address'}, property.address),
        Object.keys(property.my_shares).length
            ? el('p', {}, `${text.myShare}: `, el('span', {class: 'share-big'}, ownershipShare(property)))
            : null,
        el('a', {class: 'button order-extract', href: config.urls.orderExtract.replace('NUMBER', property.cadastral_number)}, text.orderExtract),
        rightsSection(property),
        encumbrancesSection(property),
        historySection(body.history),
        auditSection(body.audit),
    );
    detail.hidden = false;
}

async function select(number) {
    selected = number;
    for (const button of list.querySelectorAll('.property-item')) {
        button.classList.toggle('is-selected', button.dataset.number === number);
    }
    const property = properties.find((p) => p.cadastral_number === number);
    if (property) {
        const bounds = boundsOf(property);
        if (bounds) {
            fitTo(bounds);
        }
        const source = map.getSource('my-selection');
        if (source) {
            source.setData(featuresOf([property]));
        }
    }
    detail.hidden = false;
    fill(detail, el('p', {class: 'muted'}, text.loading));
    try {
        const body = await getJson(config.urls.property.replace('NUMBER', encodeURIComponent(number)));
        if (selected === number) {
            renderDetail(body);
        }
    } catch (error) {
        fill(detail, el('p', {class: 'notice'},
            error instanceof ApiError && error.message ? error.message : text.loadFailed));
    }
}

// --- Notifications -------------------------------------------------------------------------------

async function loadNotifications() {
    const inbox = await getJson(config.urls.notifications);
    bellCount.textContent = inbox.unread;
    bellCount.hidden = inbox.unread === 0;
    notificationList.replaceChildren(...(inbox.results.length
        ? inbox.results.map((item) => el('li', {class: item.read_at ? '' : 'is-unread', dataset: {kind: item.kind}},
            el('time', {datetime: item.created_at}, dateTime(language, item.created_at)),
            el('span', {class: 'notification-text'}, item.text)))
        : [el('li', {class: 'muted'}, text.noNotifications)]));
}

bell.addEventListener('click', () => {
    const open = notifications.hidden;
    notifications.hidden = !open;
    bell.setAttribute('aria-expanded', String(open));
});

document.getElementById('mark-read').addEventListener('click', async () => {
    await fetch(config.urls.notificationsRead, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken()},
        body: '{}',
    });
    await loadNotifications();
});

// --- Start -----------------------------------------------------------------------------------------

async function start() {
    try {
        const body = await getJson(config.urls.properties);
        properties = body.results;
    } catch (error) {
        list.replaceChildren(el('li', {class: 'notice'}, text.loadFailed));
        throw error;
    }
    renderList();
    await drawMine(properties);
    const wanted = new URLSearchParams(window.location.search).get('property');
    if (wanted && properties.some((p) => p.cadastral_number === wanted)) {
        select(wanted);
    }
}

map.on('error', (event) => console.warn('Map:', event.error && event.error.message));
loadNotifications().catch(() => {});
start();
