// The district list (zoom to a district) and the district names drawn over the map as HTML,
// since the map has no glyph server to draw text with.

import {Marker} from 'maplibre-gl';

import {getJson, withQuery} from './api.js';
import {geometryBounds, labelPoint, unionBounds} from './geo.js';

const LABEL_MAX_ZOOM = 16.5;

export class Districts {
    constructor(list, config, onZoom) {
        this.list = list;
        this.config = config;
        this.onZoom = onZoom;
        this.districts = [];
        this.markers = [];
        this.labelsShown = true;
        list.addEventListener('click', (event) => {
            const button = event.target.closest('[data-bounds]');
            if (button) {
                this.onZoom(JSON.parse(button.dataset.bounds));
            }
        });
    }

    name(properties) {
        return properties[`name_${this.config.language}`] || properties.name_uz || properties.code;
    }

    /** Load the districts; resolves to the city's bounds, or null when none could be read. */
    async load() {
        let collection;
        try {
            collection = await getJson(withQuery(this.config.urls.areas,
                {level: 'district', page_size: '100'}));
        } catch {
            const item = document.createElement('li');
            item.className = 'card-error';
            item.textContent = this.config.text.districtsFailed;
            this.list.replaceChildren(item);
            return null;
        }
        const collator = new Intl.Collator(this.config.language);
        this.districts = collection.features
            .map((feature) => ({
                code: feature.properties.code,
                name: this.name(feature.properties),
                bounds: geometryBounds(feature.geometry),
                label: labelPoint(feature.geometry),
            }))
            .filter((district) => district.bounds)
            .sort((a, b) => collator.compare(a.name, b.name));
        const city = unionBounds(this.districts.map((district) => district.bounds));
        const items = this.districts.map((district) => this.item(district.name, district.code, district.bounds));
        if (city) {
            items.unshift(this.item(this.config.text.wholeCity, '', city, 'is-city'));
        }
        this.list.replaceChildren(...items);
        return city;
    }

    item(name, code, bounds, extraClass = '') {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = `district ${extraClass}`.trim();
        button.dataset.bounds = JSON.stringify(bounds);
        const label = document.createElement('span');
        label.className = 'district-name';
        label.textContent = name;
        button.append(label);
        if (code) {
            const codeLabel = document.createElement('span');
            codeLabel.className = 'district-code mono';
            codeLabel.textContent = code;
            button.append(codeLabel);
        }
        item.append(button);
        return item;
    }

    addLabels(map) {
        this.map = map;
        this.districtsWithLabels = this.districts.filter((district) => district.label);
        this.markers = this.districtsWithLabels.map((district) => {
            const element = document.createElement('div');
            element.className = 'district-label';
            element.textContent = district.name;
            return new Marker({element, anchor: 'center'}).setLngLat(district.label);
        });
        map.on('moveend', () => this.updateLabels());
        this.updateLabels();
    }

    showLabels(shown) {
        this.labelsShown = shown;
        this.updateLabels();
    }

    /** Show the names that fit inside their district and do not overlap a name shown before. */
    updateLabels() {
        if (!this.map) {
            return;
        }
        const shown = this.labelsShown && this.map.getZoom() <= LABEL_MAX_ZOOM;
        const placed = [];
        this.markers.forEach((marker, index) => {
            if (!shown) {
                marker.remove();
                return;
            }
            marker.addTo(this.map);
            const element = marker.getElement();
            const centre = this.map.project(marker.getLngLat());
            const width = element.offsetWidth, height = element.offsetHeight;
            const box = [centre.x - width / 2, centre.y - height / 2, centre.x + width / 2, centre.y + height / 2];
            const [west, south, east, north] = this.districtsWithLabels[index].bounds;
            const span = this.map.project([east, south]).x - this.map.project([west, north]).x;
            const overlaps = placed.some((other) =>
                box[0] < other[2] + 4 && other[0] < box[2] + 4 && box[1] < other[3] + 2 && other[1] < box[3] + 2);
            const frame = this.map.getContainer();
            const cut = box[0] < 0 || box[1] < 0 || box[2] > frame.clientWidth || box[3] > frame.clientHeight;
            if (span < width || overlaps || cut) {
                marker.remove();
            } else {
                placed.push(box);
            }
        });
    }
}
