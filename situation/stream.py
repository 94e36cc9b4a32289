"""The situation console's live feed: server-sent events fed by PostgreSQL notifications.

Every change of an incident is one `IncidentEvent` row, and a trigger (situation migration
0002) sends its id on the channel `situation_events` when the inserting transaction commits.
One stream is one browser tab:

1. a dedicated psycopg2 connection LISTENs first (not Django's pooled connection: it stays
   open, idle, for as long as the tab does, and is closed when the tab goes);
2. then the stream catches up: the events after the id the browser last received
   (`Last-Event-ID`, which EventSource sends by itself on reconnecting) are read from the table
   and sent, so a reconnecting console gets exactly what it missed;
3. then it waits for notifications, sending each new event the moment it is announced, and a
   comment line every `HEARTBEAT_SECONDS` so proxies keep the connection and a closed tab is
   noticed (the write fails, the generator is closed, the connection released).

Each event names its `id:` (the IncidentEvent id) and carries the incident as it is when sent,
so an older event delivered after a newer one never turns the console's picture back. A console
receives only incidents it may see (situation.access, by role and district); events of other
incidents are skipped, not announced.

Transactions can commit in another order than their event ids were drawn. A reconnect after id
N therefore also re-sends the events below N written within `LATE_COMMIT_SECONDS` before event
N: one that committed after N was sent is not lost, and the console drops the ids it already
has.
"""

import json
import logging
import select
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg2
from django.contrib.auth.models import AnonymousUser, User
from django.db import close_old_connections, connections
from django.db.models import Q, QuerySet

from core.params import MAX_DATABASE_ID, InvalidParameterError
from situation.access import incidents_visible_to
from situation.models import IncidentEvent

logger = logging.getLogger(__name__)

CHANNEL = "situation_events"
HEARTBEAT_SECONDS = 15.0
#: How long a browser waits before reconnecting after the stream broke (EventSource `retry`).
RETRY_MS = 2000
#: Events read per query while catching up.
CATCH_UP_BATCH = 500
#: More missed events than this and the console is told to reload its list instead.
CATCH_UP_LIMIT = 5000
#: How long an event's transaction may stay open after writing it and still be caught up.
LATE_COMMIT_SECONDS = 30

#: Turns events (ordered) into the JSON objects sent, for the user; skips nothing itself.
Renderer = Callable[[User | AnonymousUser, list[IncidentEvent]], list[dict[str, Any]]]


def last_event_id_parse(*, header: str | None, query: str | None) -> int | None:
    """The id the stream resumes after: the Last-Event-ID header, else `?last_event_id=`.

    Raises InvalidParameterError (400) for anything but a plain non-negative integer, before
    the stream starts.
    """
    for name, raw in (("Last-Event-ID", header), ("last_event_id", query)):
        if raw is None or raw.strip() == "":
            continue
        text = raw.strip()
        if not text.isascii() or not text.isdigit() or int(text) > MAX_DATABASE_ID:
            raise InvalidParameterError(
                f"{name} must be the id of an incident event (a whole number), not {text[:40]!r}."
            )
        return int(text)
    return None


def sse_message(*, data: dict[str, Any], event: str, event_id: int | None = None) -> str:
    """One server-sent event; JSON never holds a raw newline, so one `data:` line suffices."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


class Listener:
    """A dedicated database connection LISTENing on `CHANNEL`."""

    def __init__(self) -> None:
        params = connections["default"].get_connection_params()
        self._connection = psycopg2.connect(**params)
        self._connection.autocommit = True
        with self._connection.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout_s: float) -> list[int]:
        """Event ids announced within `timeout_s` (empty after a quiet wait), in commit order."""
        ready, _, _ = select.select([self._connection], [], [], timeout_s)
        if not ready:
            return []
        self._connection.poll()
        ids = []
        while self._connection.notifies:
            notice = self._connection.notifies.pop(0)
            if notice.channel == CHANNEL and notice.payload.isdigit():
                ids.append(int(notice.payload))
        return ids

    def close(self) -> None:
        self._connection.close()


def _visible_events(user: User | AnonymousUser) -> QuerySet[IncidentEvent]:
    return IncidentEvent.objects.filter(incident__in=incidents_visible_to(user).values("pk"))


def missed_events(
    *, user: User | AnonymousUser, after: int, limit: int = CATCH_UP_LIMIT
) -> tuple[list[IncidentEvent], bool]:
    """Events after `after` that `user` may see (with late commits below it), and whether
    there were more than `limit`."""
    events = _visible_events(user)
    anchor = IncidentEvent.objects.filter(pk=after).values_list("at", flat=True).first()
    late = Q(pk__gt=after)
    if anchor is not None:
        late |= Q(pk__lte=after, at__gte=anchor - timedelta(seconds=LATE_COMMIT_SECONDS))
    found = list(events.filter(late).order_by("id")[: limit + 1])
    return found[:limit], len(found) > limit


def announced_events(*, user: User | AnonymousUser, ids: Iterable[int]) -> list[IncidentEvent]:
    """The announced events `user` may see, in the order they were announced."""
    wanted = list(dict.fromkeys(ids))
    found = {event.pk: event for event in _visible_events(user).filter(pk__in=wanted)}
    return [found[pk] for pk in wanted if pk in found]


def latest_event_id() -> int:
    """Id of the newest event (0 when there is none): where a freshly loaded console starts."""
    return IncidentEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@dataclass
class EventStream:
    """The text of one console's stream, as an iterator of SSE chunks."""

    user: User | AnonymousUser
    after: int | None
    render: Renderer
    heartbeat_s: float = HEARTBEAT_SECONDS
    listener_factory: Callable[[], Listener] = Listener

    def __iter__(self) -> Iterator[str]:
        listener = self.listener_factory()
        try:
            # An opening comment makes every proxy pass the headers on at once.
            yield f"retry: {RETRY_MS}\n: stream open\n\n"
            if self.after is not None:
                yield from self._catch_up(self.after)
            while True:
                ids = listener.wait(self.heartbeat_s)
                if not ids:
                    yield ": heartbeat\n\n"
                    continue
                close_old_connections()
                yield from self._send(announced_events(user=self.user, ids=ids))
        finally:
            listener.close()

    def _catch_up(self, after: int) -> Iterator[str]:
        close_old_connections()
        events, cut = missed_events(user=self.user, after=after)
        if cut:
            newest = latest_event_id()
            logger.info("Console stream of %s missed too much; told to reload.", self.user)
            yield sse_message(data={"latest_event_id": newest}, event="reload", event_id=newest)
            return
        for start in range(0, len(events), CATCH_UP_BATCH):
            yield from self._send(events[start : start + CATCH_UP_BATCH])

    def _send(self, events: list[IncidentEvent]) -> Iterator[str]:
        for event, data in zip(events, self.render(self.user, events), strict=True):
            yield sse_message(data=data, event="incident", event_id=event.pk)
