// The layer switcher: a map control whose check boxes show and hide the style layers of each
// of Makon's tile sources, and the land-use legend read from the parcel style itself.

const STORAGE_KEY = 'makon.map.hiddenLayers';

/** The Makon tile layer ("parcels", "admin_areas", ...) a style source draws, or null. */
export function sourceLayerName(sourceId, source, names) {
    if (names.includes(sourceId)) {
        return sourceId;
    }
    const addresses = [source.url, ...(source.tiles || [])].filter(Boolean);
    for (const address of addresses) {
        const match = /\/tiles\/([a-z_]+)(?:\.json|\/)/.exec(address);
        if (match && names.includes(match[1])) {
            return match[1];
        }
    }
    return null;
}

/** Style layer ids by Makon tile layer name. */
export function groupStyleLayers(style, names) {
    const groups = Object.fromEntries(names.map((name) => [name, []]));
    const sourceGroups = {};
    for (const [id, source] of Object.entries(style.sources || {})) {
        sourceGroups[id] = sourceLayerName(id, source, names);
    }
    for (const layer of style.layers || []) {
        const name = sourceGroups[layer.source];
        if (name) {
            groups[name].push(layer.id);
        }
    }
    return groups;
}

function readHidden() {
    try {
        return new Set(JSON.parse(window.localStorage.getItem(STORAGE_KEY) || '[]'));
    } catch {
        return new Set();
    }
}

function writeHidden(hidden) {
    try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...hidden]));
    } catch {
        // Private browsing may refuse storage; the choice then lasts for this page only.
    }
}

/** [[value, colour], ...] of a ["match", ["get", property], v1, c1, ..., fallback] paint value. */
function matchEntries(paint, property) {
    if (!Array.isArray(paint) || paint[0] !== 'match') {
        return [];
    }
    const input = paint[1];
    if (!Array.isArray(input) || input[0] !== 'get' || input[1] !== property) {
        return [];
    }
    const entries = [];
    for (let i = 2; i + 1 < paint.length; i += 2) {
        const values = Array.isArray(paint[i]) ? paint[i] : [paint[i]];
        for (const value of values) {
            entries.push([value, paint[i + 1]]);
        }
    }
    return entries;
}

export class LayersControl {
    /**
     * @param template the <template> holding the control's markup
     * @param legend {landUse, network: labels by value; networkColours: colour by network}
     * @param onChange called with (name, visible) after a layer is switched
     */
    constructor(template, legend, onChange) {
        this.template = template;
        this.labels = legend.landUse;
        this.networks = legend;
        this.onChange = onChange;
        this.groups = {};
        this.hidden = readHidden();
        this.landUseColours = {};
    }

    onAdd(map) {
        this.map = map;
        this.container = this.template.content.firstElementChild.cloneNode(true);
        this.button = this.container.querySelector('.layers-button');
        this.panel = this.container.querySelector('.layers-panel');
        this.button.addEventListener('click', () => this.toggle());
        this.container.addEventListener('change', (event) => {
            const name = event.target.dataset.layer;
            if (name) {
                this.setVisible(name, event.target.checked);
            }
        });
        document.addEventListener('keydown', (event) => {
            if (event.key === 'Escape' && !this.panel.hidden) {
                this.toggle(false);
                this.button.focus();
            }
        });
        return this.container;
    }

    onRemove() {
        this.container.remove();
    }

    toggle(open = this.panel.hidden) {
        this.panel.hidden = !open;
        this.button.setAttribute('aria-expanded', String(open));
    }

    names() {
        return [...this.container.querySelectorAll('[data-layer]')].map((box) => box.dataset.layer);
    }

    isVisible(name) {
        return !this.hidden.has(name);
    }

    /** Bind the check boxes to the loaded style; layers the style lacks are disabled. */
    bind(style) {
        this.groups = groupStyleLayers(style, this.names());
        for (const box of this.container.querySelectorAll('[data-layer]')) {
            const name = box.dataset.layer;
            const present = this.groups[name].length > 0;
            box.disabled = !present;
            box.closest('li').classList.toggle('is-missing', !present);
            box.checked = present && this.isVisible(name);
            if (present) {
                this.apply(name);
            }
        }
        this.legend(style);
    }

    setVisible(name, visible) {
        if (visible) {
            this.hidden.delete(name);
        } else {
            this.hidden.add(name);
        }
        writeHidden(this.hidden);
        this.apply(name);
        this.onChange(name, visible);
    }

    apply(name) {
        const visibility = this.isVisible(name) ? 'visible' : 'none';
        for (const id of this.groups[name] || []) {
            this.map.setLayoutProperty(id, 'visibility', visibility);
        }
    }

    /** Style layer ids of `name` that are drawn now. */
    visibleLayers(name) {
        return this.isVisible(name) ? (this.groups[name] || []) : [];
    }

    legend(style) {
        const ids = new Set(this.groups.parcels || []);
        const fills = (style.layers || []).filter((layer) => ids.has(layer.id) && layer.type === 'fill');
        let entries = [];
        for (const layer of fills) {
            entries = matchEntries((layer.paint || {})['fill-color'], 'land_use');
            if (entries.length) {
                break;
            }
        }
        this.landUseColours = Object.fromEntries(entries);
        this.fillLegend('.legend', entries.filter(([value]) => value in this.labels)
            .map(([value, colour]) => [this.labels[value], colour]));
        const networks = (this.groups.infrastructure || []).includes('makon-networks')
            ? Object.entries(this.networks.networkColours)
                .filter(([value]) => value in this.networks.network)
                .map(([value, colour]) => [this.networks.network[value], colour])
            : [];
        this.fillLegend('.network-legend', networks, 'swatch line');
    }

    fillLegend(selector, entries, swatchClass = 'swatch') {
        const list = this.container.querySelector(selector);
        const items = entries.map(([label, colour]) => {
            const item = document.createElement('li');
            const swatch = document.createElement('span');
            swatch.className = swatchClass;
            swatch.style.background = colour;
            item.append(swatch, document.createTextNode(label));
            return item;
        });
        list.replaceChildren(...items);
        list.hidden = list.previousElementSibling.hidden = items.length === 0;
    }
}
