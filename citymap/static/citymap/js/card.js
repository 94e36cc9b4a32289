// The public card of a parcel or building, built from <template> elements of the page so
// that every label is translated with the page. Values are set as text, never as HTML.

function fill(root, name, value) {
    const element = root.querySelector(`[data-field="${name}"]`);
    if (element) {
        element.textContent = value ?? '';
    }
    return element;
}

function areaName(area, language) {
    if (!area) {
        return null;
    }
    const name = area[`name_${language}`] || area.name_uz || area.name_en;
    return name ? `${name} (${area.code})` : area.code;
}

export class Card {
    /**
     * @param slot element the card is shown in
     * @param config the page configuration (texts, choices, urls)
     * @param format formatters (format.js)
     * @param handlers {open(kind, number), close(), zoom()}
     */
    constructor(slot, config, format, handlers) {
        this.slot = slot;
        this.config = config;
        this.text = config.text;
        this.format = format;
        this.handlers = handlers;
        this.colours = {};
        slot.addEventListener('click', (event) => this.onClick(event));
    }

    onClick(event) {
        const target = event.target.closest('[data-action], [data-open]');
        if (!target) {
            return;
        }
        if (target.dataset.open) {
            event.preventDefault();
            this.handlers.open(target.dataset.kind, target.dataset.open);
        } else if (target.dataset.action === 'close') {
            this.handlers.close();
        } else if (target.dataset.action === 'zoom') {
            this.handlers.zoom();
        } else if (target.dataset.action === 'copy') {
            this.copyLink(target);
        }
    }

    async copyLink(button) {
        const input = this.slot.querySelector('[data-field="share"]');
        input.select();
        try {
            await navigator.clipboard.writeText(input.value);
        } catch {
            // No clipboard API outside secure contexts: the link stays selected for Ctrl+C.
            return;
        }
        const label = button.textContent;
        button.textContent = this.text.copied;
        setTimeout(() => { button.textContent = label; }, 1500);
    }

    pageUrl(kind, number) {
        const pattern = kind === 'parcel' ? this.config.urls.parcelPage : this.config.urls.buildingPage;
        return pattern.replace('NUMBER', number);
    }

    show(content) {
        this.slot.replaceChildren(content);
        this.slot.hidden = false;
    }

    hide() {
        this.slot.hidden = true;
        this.slot.replaceChildren();
    }

    loading(kind, number) {
        const box = document.createElement('div');
        box.className = 'card card-loading';
        const kindLine = document.createElement('p');
        kindLine.className = 'card-kind';
        kindLine.textContent = this.text[kind];
        const title = document.createElement('h2');
        title.className = 'card-number';
        title.textContent = number;
        const status = document.createElement('p');
        status.className = 'muted';
        status.textContent = this.text.loading;
        box.append(kindLine, title, status);
        this.show(box);
    }

    failed(kind, number, message) {
        this.loading(kind, number);
        const status = this.slot.querySelector('.muted');
        status.className = 'card-error';
        status.textContent = message || this.text.cardFailed;
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'card-close';
        close.dataset.action = 'close';
        close.setAttribute('aria-label', '×');
        close.textContent = '×';
        this.slot.firstElementChild.prepend(close);
    }

    objectLink(kind, number, detail) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = this.pageUrl(kind, number);
        link.dataset.open = number;
        link.dataset.kind = kind;
        const code = document.createElement('span');
        code.className = 'mono';
        code.textContent = number;
        link.append(code);
        if (detail) {
            const note = document.createElement('span');
            note.className = 'object-note';
            note.textContent = detail;
            link.append(note);
        }
        item.append(link);
        return item;
    }

    shareField(root, kind, number) {
        fill(root, 'share', '').value = new URL(this.pageUrl(kind, number), window.location.origin).href;
    }

    parcel(feature) {
        const p = feature.properties;
        const root = document.getElementById('parcel-card-template').content.cloneNode(true);
        const language = this.config.language;
        fill(root, 'cadastral_number', p.cadastral_number);
        fill(root, 'address', p.address || this.text.notRecorded);
        const landUse = fill(root, 'land_use', this.config.landUse[p.land_use] || p.land_use);
        landUse.dataset.landUse = p.land_use;
        if (this.colours && this.colours[p.land_use]) {
            landUse.style.setProperty('--land-use-colour', this.colours[p.land_use]);
        }
        fill(root, 'area_official_m2', this.format.area(p.area_official_m2));
        fill(root, 'area_computed_m2', this.format.area(p.area_computed_m2));
        fill(root, 'district', areaName(p.district, language) || this.text.notRecorded);
        fill(root, 'mahalla', areaName(p.mahalla, language) || this.text.notRecorded);
        fill(root, 'block', p.block ? p.block.code : this.text.notRecorded);
        fill(root, 'valid_from', this.format.date(p.valid_from));
        if (p.area_differs) {
            const difference = (p.area_computed_m2 - p.area_official_m2) / p.area_official_m2;
            const warning = fill(root, 'area_warning', this.text.areaDiffers
                .replace('{percent}', this.format.percent(difference))
                .replace('{tolerance}', this.format.tolerance(this.config.areaTolerance)));
            warning.hidden = false;
        }
        const list = root.querySelector('[data-field="buildings"]');
        for (const building of p.buildings || []) {
            const use = this.config.buildingUse[building.use] || building.use;
            const floors = building.floors ? ` · ${this.text.floors}: ${building.floors}` : '';
            list.append(this.objectLink('building', building.cadastral_number, use + floors));
        }
        if (!list.children.length) {
            list.hidden = true;
            root.querySelector('[data-field="no_buildings"]').hidden = false;
        }
        this.shareField(root, 'parcel', p.cadastral_number);
        this.show(root);
    }

    building(feature) {
        const p = feature.properties;
        const root = document.getElementById('building-card-template').content.cloneNode(true);
        fill(root, 'cadastral_number', p.cadastral_number);
        fill(root, 'address', p.address || this.text.notRecorded);
        fill(root, 'use', this.config.buildingUse[p.use] || p.use);
        fill(root, 'floors', this.format.whole(p.floors));
        fill(root, 'year_built', p.year_built ? String(p.year_built) : this.text.notRecorded);
        fill(root, 'units_count', this.format.whole(p.units_count));
        fill(root, 'valid_from', this.format.date(p.valid_from));
        root.querySelector('[data-field="parcel"]').append(
            this.objectLink('parcel', p.parcel_number, null));
        this.shareField(root, 'building', p.cadastral_number);
        this.show(root);
    }
}
