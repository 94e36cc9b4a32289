// The selected incident or appeal: its facts, the legal state changes (the server is the judge
// and answers 409 for an illegal one), and for an incident what surrounds it within a radius.

import {ApiError, getJson, postJson, urlFor} from './api.js';
import {element} from './panel.js';

const NEEDS = {assigned: ['department'], resolved: ['resolution'], rejected: ['resolution'], duplicate: ['duplicate']};
// Codes the state machine accepts with each state (the duplicate code comes with its state).
const CODES_FOR = {
    resolved: ['fixed', 'not_reproducible', 'not_ours', 'wont_fix', 'referred'],
    rejected: ['not_ours', 'not_reproducible', 'wont_fix', 'referred'],
};

function field(root, name) {
    return root.querySelector(`[data-field="${name}"]`);
}

function message(error) {
    return error instanceof ApiError && error.message ? error.message : String(error.message || error);
}

export class Detail {
    constructor(config, format, panel, handlers) {
        this.config = config;
        this.text = config.text;
        this.format = format;
        this.panel = panel;
        this.handlers = handlers;
        this.root = document.getElementById('detail');
        this.current = null;
        this.request = 0;
    }

    hide() {
        this.current = null;
        this.root.hidden = true;
        this.root.replaceChildren();
        document.body.classList.remove('has-detail');
    }

    open(kind, id) {
        this.current = {kind, id};
        this.request += 1;
        this.root.hidden = false;
        document.body.classList.add('has-detail');
        this.root.replaceChildren(element('p', {className: 'muted', text: this.text.loading}));
        return this.request;
    }

    // --- Incidents -----------------------------------------------------------------------

    async showIncident(id, {radius}) {
        const ticket = this.open('incident', id);
        try {
            const incident = await getJson(urlFor(this.config.urls.incident, id));
            if (ticket !== this.request) {
                return;
            }
            this.renderIncident(incident, radius);
            await this.loadSurroundings(id, radius, ticket);
        } catch (error) {
            if (ticket === this.request) {
                this.root.replaceChildren(element('p', {className: 'form-error', text: message(error)}));
            }
        }
    }

    renderIncident(incident, radius) {
        const p = incident.properties;
        const root = document.getElementById('incident-detail-template').content.cloneNode(true);
        field(root, 'type').textContent = this.config.types[p.type] || p.type_name;
        field(root, 'number').textContent = p.number;
        field(root, 'address').textContent = p.address;
        field(root, 'state').replaceChildren(this.panel.stateBadge(p.state));
        field(root, 'severity').replaceChildren(this.panel.severityBadge(p.severity));
        field(root, 'department').textContent = this.config.departments[p.department_id] || p.department_name || '—';
        field(root, 'district').textContent = p.district_name || this.text.outsideDistricts;
        const due = field(root, 'due');
        due.textContent = this.format.time(p.sla_due_at);
        if (p.overdue) {
            due.append(' ', element('span', {className: 'flag overdue', text: this.text.overdue}));
        }
        field(root, 'appeals').textContent = String((p.appeals || []).length);
        field(root, 'description').textContent = p.description || '';
        const actions = field(root, 'transitions');
        for (const target of p.allowed_transitions || []) {
            const button = element('button', {
                className: `button transition to-${target}`,
                text: this.config.states[target] || target,
                attrs: {type: 'button', 'data-transition': target},
            });
            button.addEventListener('click', () => this.askTransition(incident, target));
            actions.append(button);
        }
        root.querySelector('[data-action="close"]').addEventListener('click', () => this.handlers.close());
        const range = root.querySelector('#radius-input');
        range.max = String(this.config.maxRadius);
        range.value = String(radius);
        field(root, 'radius').textContent = String(radius);
        range.addEventListener('input', () => { this.root.querySelector('[data-field="radius"]').textContent = range.value; });
        range.addEventListener('change', () => this.handlers.radiusChanged(Number(range.value)));
        this.root.replaceChildren(root);
        this.incident = incident;
    }

    async loadSurroundings(id, radius, ticket = this.request) {
        const url = `${urlFor(this.config.urls.surroundings, id)}?radius_m=${radius}`;
        const around = await getJson(url);
        if (ticket !== this.request) {
            return;
        }
        this.renderSurroundings(around);
        this.handlers.surroundings(around);
    }

    renderSurroundings(around) {
        const t = this.text;
        const metres = (value) => `${this.format.number(value)} ${t.metres}`;
        const cameras = around.cameras.map((camera) => {
            const notes = [];
            if (camera.needs_turning) notes.push(t.turnCamera);
            if (!camera.direction_known) notes.push(t.directionUnknown);
            if (camera.range_assumed || camera.field_of_view_assumed) notes.push(t.assumed);
            const item = element('li', {attrs: {'data-camera': String(camera.camera_id)}},
                element('strong', {text: camera.name || `#${camera.camera_id}`}),
                element('span', {className: 'muted', text: ` ${metres(camera.distance_m)}`
                    + (camera.bearing_deg === null ? '' : ` · ${Math.round(camera.bearing_deg)}°`)
                    + (notes.length ? ` · ${notes.join(', ')}` : '')}));
            item.addEventListener('click', () => this.handlers.flyTo([camera.lon, camera.lat]));
            return item;
        });
        field(this.root, 'cameras').replaceChildren(...(cameras.length ? cameras : [element('li', {className: 'muted', text: t.noCameras})]));

        field(this.root, 'objects-summary').textContent = [
            `${around.buildings.length}${around.buildings_truncated ? '+' : ''} ${t.buildings}`,
            `${around.parcels.length}${around.parcels_truncated ? '+' : ''} ${t.parcels}`,
            `${around.apartments} ${t.apartments}`,
            `${around.holders_to_notify} ${t.holdersToNotify}`,
        ].join(' · ');
        const objects = [...around.buildings, ...around.parcels].map((object) => {
            const facts = [metres(object.distance_m)];
            if (object.kind === 'building') {
                if (object.floors) facts.push(`${object.floors} ${t.floors}`);
                if (object.apartments) facts.push(`${object.apartments} ${t.apartments}`);
            }
            facts.push(`${object.holders_count} ${t.holders}`);
            const holders = object.holders === null
                ? element('span', {className: 'muted holders-hidden', text: t.holdersHidden})
                : element('span', {className: 'holders', text: object.holders.map((h) => h.name).join(', ')});
            return element('li', {attrs: {'data-object': `${object.kind}:${object.object_id}`}},
                element('strong', {text: `${object.kind === 'building' ? t.building : t.parcel} ${object.cadastral_number || ''}`}),
                element('span', {className: 'muted', text: ` ${object.address || ''} · ${facts.join(' · ')}`}),
                element('br'), holders);
        });
        field(this.root, 'objects').replaceChildren(...(objects.length ? objects : [element('li', {className: 'muted', text: t.noObjects})]));

        if (around.network) {
            field(this.root, 'network-title').textContent = this.config.network[around.network] || around.network;
        }
        const network = [...around.segments, ...around.nodes].map((feature) => element('li', {},
            element('strong', {text: feature.what === 'segment'
                ? (feature.name || this.config.network[feature.network])
                : (this.config.networkNodeKinds[feature.kind] || feature.kind)}),
            element('span', {className: 'muted', text: ` ${metres(feature.distance_m)}`
                + (feature.diameter_mm ? ` · Ø${feature.diameter_mm}` : '')
                + (feature.owner_body ? ` · ${feature.owner_body}` : '')
                + ` · ${this.config.assetStatuses[feature.status] || feature.status}`})));
        field(this.root, 'network').replaceChildren(...(network.length ? network : [element('li', {className: 'muted', text: t.noNetwork})]));
    }

    askTransition(incident, target) {
        const form = this.root.querySelector('.transition-form');
        const needs = NEEDS[target] || [];
        form.hidden = false;
        form.querySelector('.transition-title').textContent = `${incident.properties.number} → ${this.config.states[target]}`;
        for (const label of form.querySelectorAll('[data-needs]')) {
            label.hidden = !needs.includes(label.dataset.needs);
        }
        const departments = form.department;
        departments.replaceChildren(...Object.entries(this.config.departments).map(([value, label]) =>
            element('option', {text: label, attrs: {value}})));
        if (incident.properties.department_id) {
            departments.value = String(incident.properties.department_id);
        }
        const codes = CODES_FOR[target] || [];
        form.resolution_code.replaceChildren(...codes.map((code) =>
            element('option', {text: this.config.resolutionCodes[code] || code, attrs: {value: code}})));
        const error = form.querySelector('.form-error');
        error.hidden = true;
        form.querySelector('[data-action="cancel"]').onclick = () => { form.hidden = true; };
        form.onsubmit = async (event) => {
            event.preventDefault();
            const body = {to_state: target, comment: form.comment.value};
            if (needs.includes('department') && departments.value) body.department = Number(departments.value);
            if (needs.includes('resolution')) body.resolution_code = form.resolution_code.value;
            if (needs.includes('duplicate')) body.duplicate_of = Number(form.duplicate_of.value) || undefined;
            const submit = form.querySelector('[type="submit"]');
            submit.disabled = true;
            try {
                const changed = await postJson(urlFor(this.config.urls.transition, incident.id ?? incident.properties.id), body);
                this.handlers.changed(changed);
            } catch (failure) {
                error.textContent = `${this.text.transitionFailed}: ${message(failure)}`;
                error.hidden = false;
            } finally {
                submit.disabled = false;
            }
        };
        form.querySelector('select:not([hidden]), input')?.focus();
    }

    // --- Appeals -------------------------------------------------------------------------

    async showAppeal(appeal) {
        const ticket = this.open('appeal', appeal.id);
        const root = document.getElementById('appeal-detail-template').content.cloneNode(true);
        field(root, 'title').textContent = this.config.types[appeal.category] || appeal.category_name;
        field(root, 'address').textContent = appeal.address || '';
        field(root, 'text').textContent = appeal.text;
        field(root, 'when').textContent = this.format.time(appeal.created_at);
        field(root, 'photos').replaceChildren(...(appeal.photos || []).map((url) =>
            element('li', {}, element('a', {attrs: {href: url, target: '_blank', rel: 'noopener'}},
                element('img', {attrs: {src: url, alt: '', loading: 'lazy'}})))));
        root.querySelector('[data-action="close"]').addEventListener('click', () => this.handlers.close());
        this.root.replaceChildren(root);
        const error = this.root.querySelector('.form-error');
        const fail = (failure) => { error.textContent = message(failure); error.hidden = false; };
        this.root.querySelector('[data-action="triage"]').addEventListener('click', async (event) => {
            event.target.disabled = true;
            try {
                const incident = await postJson(urlFor(this.config.urls.appealTriage, appeal.id), {});
                this.handlers.triaged(incident);
            } catch (failure) {
                fail(failure);
                event.target.disabled = false;
            }
        });
        const rejectForm = this.root.querySelector('.reject-form');
        this.root.querySelector('[data-action="reject"]').addEventListener('click', () => {
            rejectForm.hidden = false;
            rejectForm.comment.focus();
        });
        rejectForm.querySelector('[data-action="cancel"]').addEventListener('click', () => { rejectForm.hidden = true; });
        rejectForm.addEventListener('submit', async (event) => {
            event.preventDefault();
            try {
                await postJson(urlFor(this.config.urls.appealReject, appeal.id), {comment: rejectForm.comment.value});
                this.handlers.close();
            } catch (failure) {
                fail(failure);
            }
        });
        try {
            const full = await getJson(urlFor(this.config.urls.appeal, appeal.id));
            if (ticket !== this.request) {
                return;
            }
            this.renderDuplicates(full.duplicate_candidates || [], appeal);
        } catch (failure) {
            fail(failure);
        }
    }

    renderDuplicates(candidates, appeal) {
        const title = field(this.root, 'duplicates-title');
        title.hidden = candidates.length === 0;
        field(this.root, 'duplicates').replaceChildren(...candidates.map((candidate) => {
            const join = element('button', {className: 'button', text: `→ ${candidate.number}`, attrs: {type: 'button'}});
            join.addEventListener('click', async () => {
                try {
                    const incident = await postJson(urlFor(this.config.urls.appealTriage, appeal.id), {incident: candidate.incident});
                    this.handlers.triaged(incident);
                } catch (failure) {
                    const error = this.root.querySelector('.form-error');
                    error.textContent = message(failure);
                    error.hidden = false;
                }
            });
            return element('li', {},
                join,
                element('span', {className: 'muted', text: ` ${this.config.states[candidate.state]} · ${candidate.distance_m} ${this.text.metres}`}));
        }));
    }
}
