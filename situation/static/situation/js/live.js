// The console's live feed: one EventSource on the server's stream of incident events.
//
// The first connection resumes after the event id the page was rendered with (the incident
// list is loaded after that moment, so nothing falls in between); on a reconnect the browser
// itself sends the id of the last event it received (Last-Event-ID) and the server catches up.
// The server may send an event again (one that committed late): ids already applied are
// dropped here.

const SEEN_LIMIT = 10000;

export class LiveFeed {
    /**
     * @param url the stream's address
     * @param afterId the event id the page's data is as of
     * @param handlers {incident(data), appeal(appeal), appeals(list), reload()}
     * @param onStatus called with 'live', 'reconnecting' or 'offline'
     */
    constructor(url, afterId, handlers, onStatus) {
        this.url = `${url}?last_event_id=${encodeURIComponent(afterId)}`;
        this.handlers = handlers;
        this.onStatus = onStatus;
        this.seen = new Set();
        this.source = null;
    }

    start() {
        const source = new EventSource(this.url, {withCredentials: true});
        this.source = source;
        source.addEventListener('open', () => this.onStatus('live'));
        source.addEventListener('error', () => {
            // CLOSED: the server refused (signed out, no longer an operator); the browser will
            // not try again. CONNECTING: it is already trying again.
            this.onStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
        });
        source.addEventListener('incident', (message) => {
            const data = JSON.parse(message.data);
            if (this.seen.has(data.event.id)) {
                return;
            }
            this.remember(data.event.id);
            this.handlers.incident(data);
        });
        source.addEventListener('appeal', (message) => this.handlers.appeal(JSON.parse(message.data)));
        source.addEventListener('appeals', (message) => {
            this.handlers.appeals(JSON.parse(message.data).appeals);
            this.onStatus('live');
        });
        source.addEventListener('reload', () => this.handlers.reload());
    }

    remember(id) {
        this.seen.add(id);
        if (this.seen.size > SEEN_LIMIT) {
            // Sets keep insertion order: forget the oldest half.
            const keep = [...this.seen].slice(SEEN_LIMIT / 2);
            this.seen = new Set(keep);
        }
    }
}
