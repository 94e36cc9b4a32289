// The console's side panel: filters, counts per district, the incident and appeal lists, the
// district dashboard. Rendering only; the console script decides what to show.

import {SEVERITY_COLOURS, STATE_COLOURS} from './layers.js';

export function element(tag, {className = '', text = '', attrs = {}} = {}, ...children) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== '' && text !== null && text !== undefined) {
        node.textContent = text;
    }
    for (const [name, value] of Object.entries(attrs)) {
        node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
}

export function makeFormat(language) {
    const locale = {uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB'}[language] || 'en-GB';
    const time = new Intl.DateTimeFormat(locale, {day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit'});
    const number = new Intl.NumberFormat(locale, {maximumFractionDigits: 1});
    return {
        time: (iso) => (iso ? time.format(new Date(iso)) : ''),
        number: (value) => number.format(value),
    };
}

function fillSelect(select, entries) {
    for (const [value, label] of entries) {
        select.append(element('option', {text: label, attrs: {value: String(value)}}));
    }
}

export class Panel {
    constructor(config, format, handlers) {
        this.config = config;
        this.text = config.text;
        this.format = format;
        this.handlers = handlers;
        this.filters = document.querySelector('.filters');
        this.incidentList = document.getElementById('incident-list');
        this.appealList = document.getElementById('appeal-list');
        this.countsList = document.getElementById('district-counts');
        this.summary = document.getElementById('list-summary');
        this.notice = document.querySelector('.notice');
        this.status = document.getElementById('live-status');
        fillSelect(this.filters.type, Object.entries(config.types));
        fillSelect(this.filters.state, config.openStates.map((state) => [state, config.states[state]]));
        fillSelect(this.filters.department, Object.entries(config.departments));
        this.filters.addEventListener('change', () => handlers.filtersChanged(this.filterValues()));
        for (const tab of document.querySelectorAll('.tab')) {
            tab.addEventListener('click', () => this.showTab(tab.dataset.tab));
        }
        const toggle = document.querySelector('.sheet-toggle');
        toggle.addEventListener('click', () => {
            const collapsed = document.body.classList.toggle('sheet-collapsed');
            toggle.setAttribute('aria-expanded', String(!collapsed));
        });
    }

    setDistricts(districts) {
        fillSelect(this.filters.district, districts.map((d) => [d.id, d.name]));
    }

    filterValues() {
        const f = this.filters;
        return {
            type: f.type.value,
            state: f.state.value,
            district: f.district.value,
            department: f.department.value,
            overdue: f.overdue.checked,
        };
    }

    showTab(name) {
        for (const tab of document.querySelectorAll('.tab')) {
            tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
        }
        for (const panel of document.querySelectorAll('.tab-panel')) {
            panel.hidden = panel.dataset.panel !== name;
        }
        this.handlers.tabShown(name);
    }

    showNotice(message) {
        this.notice.textContent = message || '';
        this.notice.hidden = !message;
    }

    setStatus(status) {
        const label = {live: this.text.live, reconnecting: this.text.reconnecting, offline: this.text.offline}[status];
        this.status.textContent = label;
        this.status.className = `live-status is-${status}`;
        document.body.dataset.live = status;
    }

    severityBadge(severity) {
        const badge = element('span', {className: 'severity', text: this.config.severities[severity] || severity});
        badge.style.setProperty('--severity', SEVERITY_COLOURS[severity] || '#777');
        return badge;
    }

    stateBadge(state) {
        const badge = element('span', {className: 'state', text: this.config.states[state] || state});
        badge.style.setProperty('--state', STATE_COLOURS[state] || '#fff');
        return badge;
    }

    renderIncidents(items, store, {flash = new Map(), selectedId = null} = {}) {
        const now = Date.now();
        const rows = items.map((feature) => {
            const p = feature.properties;
            const overdue = store.isOverdue(p, now);
            const button = element(
                'button',
                {className: 'item', attrs: {type: 'button', 'data-incident': String(feature.id)}},
                element('span', {className: 'item-line'},
                    element('strong', {className: 'mono', text: p.number}),
                    this.severityBadge(p.severity),
                    this.stateBadge(p.state),
                    overdue ? element('span', {className: 'flag overdue', text: this.text.overdue}) : '',
                    p.escalated ? element('span', {className: 'flag escalated', text: this.text.escalated}) : ''),
                element('span', {className: 'item-title', text: this.config.types[p.type] || p.type_name}),
                element('span', {className: 'item-meta muted',
                    text: [p.address, p.district_name, `${this.text.due} ${this.format.time(p.sla_due_at)}`]
                        .filter(Boolean).join(' · ')}),
            );
            button.addEventListener('click', () => this.handlers.selectIncident(feature.id));
            const item = element('li', {attrs: {'data-id': String(feature.id)}}, button);
            item.classList.toggle('is-overdue', overdue);
            item.classList.toggle('is-selected', feature.id === selectedId);
            if (flash.has(feature.id)) {
                item.classList.add('is-flash');
                item.dataset.flash = flash.get(feature.id);
            }
            return item;
        });
        if (!rows.length) {
            rows.push(element('li', {className: 'muted empty', text: this.text.noIncidents}));
        }
        this.incidentList.replaceChildren(...rows);
        this.summary.textContent = `${items.length} / ${store.incidents.size}`;
        document.querySelector('[data-count="incidents"]').textContent = String(items.length);
    }

    renderCounts(counts, activeDistrict) {
        const chips = counts.map((entry) => {
            const chip = element('button', {className: 'chip', attrs: {type: 'button'}},
                element('span', {text: entry.name || this.text.outsideDistricts}),
                element('strong', {text: String(entry.open)}),
                entry.overdue ? element('span', {className: 'chip-overdue', text: String(entry.overdue)}) : '');
            chip.setAttribute('aria-pressed', String(String(entry.district_id ?? '') === activeDistrict && activeDistrict !== ''));
            chip.addEventListener('click', () => {
                const value = String(entry.district_id ?? '');
                this.filters.district.value = this.filters.district.value === value ? '' : value;
                this.handlers.filtersChanged(this.filterValues());
            });
            return element('li', {}, chip);
        });
        this.countsList.replaceChildren(...chips);
    }

    renderAppeals(store, selectedId) {
        const appeals = [...store.appeals.values()].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
        const rows = appeals.map((appeal) => {
            const button = element('button', {className: 'item', attrs: {type: 'button', 'data-appeal': String(appeal.id)}},
                element('span', {className: 'item-line'},
                    element('strong', {text: this.config.types[appeal.category] || appeal.category_name}),
                    element('span', {className: 'muted', text: this.format.time(appeal.created_at)})),
                element('span', {className: 'item-meta', text: appeal.text}),
                appeal.address ? element('span', {className: 'item-meta muted', text: appeal.address}) : '');
            button.addEventListener('click', () => this.handlers.selectAppeal(appeal.id));
            const item = element('li', {attrs: {'data-id': String(appeal.id)}}, button);
            item.classList.toggle('is-selected', appeal.id === selectedId);
            return item;
        });
        this.appealList.replaceChildren(...rows);
        document.querySelector('[data-count="appeals"]').textContent = String(appeals.length);
    }

    renderDashboard(answer) {
        const body = document.getElementById('dashboard-rows');
        const hours = (value) => (value === null ? '—' : `${this.format.number(value)} ${this.text.hours}`);
        body.replaceChildren(...answer.districts.map((row) => element('tr', {className: row.overdue ? 'has-overdue' : ''},
            element('th', {attrs: {scope: 'row'}, text: row.name || this.text.outsideDistricts}),
            element('td', {text: String(row.open)}),
            element('td', {className: row.overdue ? 'overdue' : '', text: String(row.overdue)}),
            element('td', {text: `${row.resolved_today} (${row.fixed_today})`}),
            element('td', {text: hours(row.mean_hours_to_resolve)}))));
        const t = answer.totals;
        document.getElementById('dashboard-totals').replaceChildren(element('tr', {},
            element('th', {attrs: {scope: 'row'}, text: this.text.wholeCity}),
            element('td', {text: String(t.open)}),
            element('td', {text: String(t.overdue)}),
            element('td', {text: `${t.resolved_today} (${t.fixed_today})`}),
            element('td', {text: ''})));
    }
}
