// The citizen's appeal page: a pin on the map, a category, words and photos, sent to the
// appeal API; then the citizen's appeals and how the city handles them, asked again every few
// seconds while the page is open.

import * as maplibregl from 'maplibre-gl';

import {getJson, postForm} from './api.js';
import {element, makeFormat} from './panel.js';

const config = JSON.parse(document.getElementById('appeal-config').textContent);
const text = config.text;
const format = makeFormat(config.language);
const form = document.getElementById('appeal-form');
const status = form.querySelector('.form-status');
const place = form.querySelector('[data-field="place"]');
const submit = form.querySelector('[type="submit"]');
const list = document.getElementById('my-appeals');

for (const [code, name] of Object.entries(config.categories)) {
    form.category.append(element('option', {text: name, attrs: {value: code}}));
}

const map = new maplibregl.Map({
    container: 'map',
    style: config.urls.style,
    center: config.center,
    zoom: 14,
    minZoom: 9,
    maxZoom: 20,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    attributionControl: false,
});
map.touchZoomRotate.disableRotation();
map.addControl(new maplibregl.NavigationControl({showCompass: false}), 'top-right');
map.addControl(new maplibregl.AttributionControl({compact: true}), 'bottom-right');
window.makonMap = map;

const marker = new maplibregl.Marker({color: '#7b1fa2', draggable: true});

function setPlace(lngLat) {
    form.longitude.value = lngLat.lng.toFixed(7);
    form.latitude.value = lngLat.lat.toFixed(7);
    place.textContent = text.placePicked;
    place.classList.add('is-set');
    submit.disabled = false;
}

map.on('click', (event) => {
    marker.setLngLat(event.lngLat).addTo(map);
    setPlace(event.lngLat);
});
marker.on('dragend', () => setPlace(marker.getLngLat()));

function showStatus(message, isError = false) {
    status.textContent = message;
    status.classList.toggle('is-error', isError);
}

form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.longitude.value) {
        showStatus(text.pickPlace, true);
        return;
    }
    const body = new FormData();
    for (const name of ['category', 'text', 'address', 'longitude', 'latitude']) {
        body.append(name, form[name].value);
    }
    if (form.contact_email && form.contact_email.value) {
        body.append('contact_email', form.contact_email.value);
    }
    for (const file of form.photos.files) {
        body.append('photos', file);
    }
    submit.disabled = true;
    showStatus(text.sending);
    try {
        const appeal = await postForm(config.urls.create, body);
        showStatus(text.sent.replace('{id}', `#${appeal.id}`));
        form.text.value = '';
        form.address.value = '';
        form.photos.value = '';
        refresh();
    } catch (error) {
        showStatus(`${text.failed}: ${error.message}`, true);
    } finally {
        submit.disabled = false;
    }
});

function render(appeals) {
    if (!appeals.length) {
        list.replaceChildren(element('li', {className: 'muted', text: text.noAppeals}));
        return;
    }
    list.replaceChildren(...appeals.map((appeal) => {
        const incident = appeal.incident;
        const stateText = incident
            ? `${text.incident} ${incident.number}: ${incident.state_label}`
            : (appeal.state === 'submitted' ? text.waiting : config.appealStates[appeal.state]);
        return element('li', {attrs: {'data-appeal': String(appeal.id)}},
            element('strong', {text: `${text.appeal} #${appeal.id} · ${config.categories[appeal.category] || appeal.category_name}`}),
            element('br'),
            element('span', {className: 'muted', text: `${format.time(appeal.created_at)} · ${appeal.text}`}),
            element('br'),
            element('span', {
                className: `state${incident ? ' is-live' : ''}`,
                text: stateText,
                attrs: {'data-state': incident ? incident.state : appeal.state},
            }),
            appeal.triage_comment ? element('p', {className: 'muted', text: appeal.triage_comment}) : '');
    }));
}

async function refresh() {
    if (!config.signedIn) {
        list.replaceChildren(element('li', {className: 'muted', text: text.signInToFollow}));
        return;
    }
    try {
        render(await getJson(config.urls.mine));
    } catch {
        // A failed refresh leaves the last list; the next one tries again.
    }
}

refresh();
if (config.signedIn) {
    setInterval(() => {
        if (document.visibilityState === 'visible') {
            refresh();
        }
    }, config.refreshSeconds * 1000);
    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') {
            refresh();
        }
    });
}
