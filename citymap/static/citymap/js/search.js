// The search box: suggestions from /api/search/ as an ARIA combobox (arrows, Enter, Escape).

import {ApiError, getJson, withQuery} from './api.js';

const MIN_LENGTH = 3;
const DELAY_MS = 200;

export class Search {
    /**
     * @param form the search form
     * @param config the page configuration
     * @param onPick called with a hit {kind, cadastral_number, address, bbox}
     */
    constructor(form, config, onPick) {
        this.input = form.querySelector('.search-input');
        this.list = form.querySelector('.search-results');
        this.status = form.querySelector('.search-status');
        this.config = config;
        this.text = config.text;
        this.onPick = onPick;
        this.hits = [];
        this.active = -1;
        this.timer = null;
        this.request = null;
        this.input.addEventListener('input', () => this.schedule());
        this.input.addEventListener('keydown', (event) => this.onKey(event));
        this.input.addEventListener('focus', () => { if (this.hits.length) this.open(); });
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.submit();
        });
        this.list.addEventListener('mousedown', (event) => event.preventDefault());
        this.list.addEventListener('click', (event) => {
            const option = event.target.closest('[role="option"]');
            if (option) {
                this.pick(Number(option.dataset.index));
            }
        });
        document.addEventListener('click', (event) => {
            if (!form.contains(event.target)) {
                this.close();
            }
        });
    }

    query() {
        return this.input.value.trim().replace(/\s+/g, ' ');
    }

    schedule() {
        clearTimeout(this.timer);
        if (this.query().length < MIN_LENGTH) {
            this.abort();
            this.show([], '');
            return;
        }
        this.timer = setTimeout(() => this.fetch(), DELAY_MS);
    }

    abort() {
        if (this.request) {
            this.request.abort();
            this.request = null;
        }
    }

    async fetch() {
        const query = this.query();
        this.abort();
        const request = new AbortController();
        this.request = request;
        this.setStatus(this.text.searching);
        try {
            const answer = await getJson(withQuery(this.config.urls.search, {q: query}),
                {signal: request.signal});
            if (this.request !== request) {
                return null;
            }
            this.show(answer.results, answer.results.length ? '' : this.text.noResults);
            return answer.results;
        } catch (error) {
            if (error.name === 'AbortError') {
                return null;
            }
            this.show([], error instanceof ApiError && error.status === 400
                ? error.message : this.text.searchFailed);
            return null;
        } finally {
            if (this.request === request) {
                this.request = null;
            }
        }
    }

    setStatus(message) {
        this.status.textContent = message;
        this.status.hidden = !message;
    }

    show(hits, message) {
        this.hits = hits;
        this.active = -1;
        this.setStatus(message);
        const options = hits.map((hit, index) => {
            const option = document.createElement('li');
            option.id = `search-option-${index}`;
            option.setAttribute('role', 'option');
            option.setAttribute('aria-selected', 'false');
            option.dataset.index = String(index);
            option.className = `search-option kind-${hit.kind}`;
            const kind = document.createElement('span');
            kind.className = 'option-kind';
            kind.textContent = this.text[`${hit.kind}Short`];
            const number = document.createElement('span');
            number.className = 'option-number mono';
            number.textContent = hit.cadastral_number;
            const address = document.createElement('span');
            address.className = 'option-address';
            address.textContent = hit.address;
            option.append(kind, number, address);
            return option;
        });
        this.list.replaceChildren(...options);
        if (options.length) {
            this.open();
        } else {
            this.close();
        }
    }

    open() {
        this.list.hidden = false;
        this.input.setAttribute('aria-expanded', 'true');
    }

    close() {
        this.list.hidden = true;
        this.input.setAttribute('aria-expanded', 'false');
        this.input.removeAttribute('aria-activedescendant');
    }

    highlight(index) {
        const options = this.list.querySelectorAll('[role="option"]');
        if (!options.length) {
            return;
        }
        this.active = (index + options.length) % options.length;
        options.forEach((option, i) => option.setAttribute('aria-selected', String(i === this.active)));
        const current = options[this.active];
        current.scrollIntoView({block: 'nearest'});
        this.input.setAttribute('aria-activedescendant', current.id);
    }

    onKey(event) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            this.open();
            this.highlight(this.active + (event.key === 'ArrowDown' ? 1 : -1));
        } else if (event.key === 'Escape') {
            this.close();
        }
    }

    async submit() {
        clearTimeout(this.timer);
        if (this.active >= 0) {
            this.pick(this.active);
            return;
        }
        if (this.query().length < MIN_LENGTH) {
            return;
        }
        const hits = await this.fetch();
        if (hits && hits.length) {
            this.pick(0);
        }
    }

    pick(index) {
        const hit = this.hits[index];
        if (!hit) {
            return;
        }
        this.input.value = hit.cadastral_number;
        this.close();
        this.input.blur();
        this.onPick(hit);
    }
}
