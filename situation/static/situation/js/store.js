// What the console knows: the open incidents it may see and the appeals waiting for triage,
// kept current by the live feed; the list's filters and order are applied here.

/** A point to pin a feature on: the point itself, else the middle of its first part. */
export function anchorOf(geometry) {
    if (!geometry) {
        return null;
    }
    switch (geometry.type) {
    case 'Point':
        return geometry.coordinates;
    case 'LineString':
        return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
    case 'MultiLineString':
        return anchorOf({type: 'LineString', coordinates: geometry.coordinates[0]});
    case 'Polygon':
    case 'MultiPolygon': {
        const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
        const xs = ring.map((c) => c[0]);
        const ys = ring.map((c) => c[1]);
        return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    }
    default:
        return null;
    }
}

export class IncidentStore {
    constructor(openStates) {
        this.openStates = new Set(openStates);
        this.incidents = new Map();
        this.appeals = new Map();
        this.filters = {type: '', state: '', district: '', department: '', overdue: false};
    }

    /** Whether the incident is past its due time with the clock running, now. */
    isOverdue(props, now = Date.now()) {
        return props.state !== 'on_hold' && this.openStates.has(props.state)
            && Date.parse(props.sla_due_at) < now;
    }

    /** Put a feature from the API or the feed in; one that is no longer open leaves. */
    put(feature) {
        const id = feature.id ?? feature.properties.id;
        if (!this.openStates.has(feature.properties.state)) {
            const known = this.incidents.has(id);
            this.incidents.delete(id);
            return known ? 'closed' : 'ignored';
        }
        const status = this.incidents.has(id) ? 'changed' : 'new';
        this.incidents.set(id, {...feature, id});
        return status;
    }

    putAppeal(appeal) {
        if (appeal.state === 'submitted') {
            this.appeals.set(appeal.id, appeal);
        } else {
            this.appeals.delete(appeal.id);
        }
    }

    replaceAppeals(appeals) {
        this.appeals = new Map(appeals.map((appeal) => [appeal.id, appeal]));
    }

    matches(props, {ignoreDistrict = false} = {}) {
        const f = this.filters;
        return (!f.type || props.type === f.type)
            && (!f.state || props.state === f.state)
            && (ignoreDistrict || !f.district || String(props.district_id ?? '') === f.district)
            && (!f.department || String(props.department_id ?? '') === f.department)
            && (!f.overdue || this.isOverdue(props));
    }

    /** The filtered incidents in the operator's order: overdue, most severe, soonest due. */
    list() {
        const now = Date.now();
        return [...this.incidents.values()]
            .filter((feature) => this.matches(feature.properties))
            .sort((a, b) => {
                const pa = a.properties, pb = b.properties;
                return (this.isOverdue(pb, now) - this.isOverdue(pa, now))
                    || (pb.severity - pa.severity)
                    || (Date.parse(pa.sla_due_at) - Date.parse(pb.sla_due_at))
                    || (b.id - a.id);
            });
    }

    /** Open and overdue incidents per district under the other filters. */
    countsByDistrict() {
        const counts = new Map();
        const now = Date.now();
        for (const {properties: p} of this.incidents.values()) {
            if (!this.matches(p, {ignoreDistrict: true})) {
                continue;
            }
            const key = p.district_id ?? '';
            const entry = counts.get(key) || {district_id: p.district_id, name: p.district_name, open: 0, overdue: 0};
            entry.open += 1;
            entry.overdue += this.isOverdue(p, now) ? 1 : 0;
            counts.set(key, entry);
        }
        return [...counts.values()].sort((a, b) => (b.overdue - a.overdue) || (b.open - a.open));
    }

    /** GeoJSON for the map: every filtered incident, with live flags for styling. */
    features(selectedId) {
        const now = Date.now();
        return this.list().map((feature) => ({
            type: 'Feature',
            id: feature.id,
            geometry: feature.geometry,
            properties: {
                id: feature.id,
                severity: feature.properties.severity,
                state: feature.properties.state,
                overdue: this.isOverdue(feature.properties, now),
                selected: feature.id === selectedId,
            },
        }));
    }

    anchors() {
        return this.list()
            .map((feature) => ({
                type: 'Feature',
                id: feature.id,
                geometry: {type: 'Point', coordinates: anchorOf(feature.geometry)},
                properties: {id: feature.id, severity: feature.properties.severity},
            }))
            .filter((feature) => feature.geometry.coordinates);
    }

    appealFeatures(selectedId) {
        return [...this.appeals.values()].map((appeal) => ({
            type: 'Feature',
            id: appeal.id,
            geometry: {type: 'Point', coordinates: [appeal.longitude, appeal.latitude]},
            properties: {id: appeal.id, category: appeal.category, selected: appeal.id === selectedId},
        }));
    }
}
