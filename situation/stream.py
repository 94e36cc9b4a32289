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
   noticed (the write fails, the generator is closed, the connection released). Under gunicorn
   the browser's socket is watched as well, so a closed tab frees its thread and connection at
   once rather than at the next heartbeat. At each heartbeat the person's roles are read
   again: a revoked operator role or a deactivated account ends the stream.

Each event names its `id:` (the IncidentEvent id) and carries the incident as it is when sent,
so an older event delivered after a newer one never turns the console's picture back. A console
receives only incidents it may see (situation.access, by role and district); events of other
incidents are skipped, not announced.

Citizens' appeals waiting for triage travel on the same stream. Their trigger (situation
migration 0005) announces an appeal on `situation_appeals` when it is filed or its state changes.
Appeal messages carry no `id:` (the browser's resume point stays an incident event id); instead
every (re)connect starts with the whole current queue (`appeals`), which replaces the console's,
so nothing filed or triaged while it was away is missed either.

Transactions can commit in another order than their event ids were drawn. A reconnect after id
N therefore also re-sends the events below N written within `LATE_COMMIT_SECONDS` before event
N: one that committed after N was sent is not lost, and the console drops the ids it already
has.
"""

import json
import logging
import select
import socket
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg2
from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import close_old_connections, connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.roles import forget_cached_roles
from core.params import MAX_DATABASE_ID, InvalidParameterError
from situation.access import incidents_visible_to, is_operator
from situation.models import IncidentEvent

logger = logging.getLogger(__name__)

CHANNEL = "situation_events"
APPEAL_CHANNEL = "situation_appeals"
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
#: The appeals `ids` the user may see, as JSON objects (None: the whole triage queue).
AppealRenderer = Callable[[User | AnonymousUser, list[int] | None], list[dict[str, Any]]]


@dataclass(frozen=True)
class Notice:
    """One announcement: which channel, which row id."""

    channel: str
    row_id: int


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
                _("%(name)s must be the id of an incident event (a whole number), not %(value)s.")
                % {"name": name, "value": repr(text[:40])}
            )
        return int(text)
    return None


def sse_message(*, data: dict[str, Any], event: str, event_id: int | None = None) -> str:
    """One server-sent event; JSON never holds a raw newline, so one `data:` line suffices."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    text = json.dumps(data, separators=(",", ":"), cls=DjangoJSONEncoder)
    return f"{head}event: {event}\ndata: {text}\n\n"


class ClientGoneError(Exception):
    """The browser closed its connection."""


class ClientWatch:
    """The browser's socket, when the server hands it over (gunicorn: `gunicorn.socket`).

    An event stream's browser sends nothing after its request, so the socket turning readable
    means it closed. Anything else (data, a TLS socket that cannot be peeked) ends the watch,
    and the heartbeat notices a closed tab instead.
    """

    def __init__(self, sock: socket.socket | None) -> None:
        self.socket = sock

    def check(self) -> None:
        sock = self.socket
        if sock is None:
            return
        try:
            if sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                raise ClientGoneError
        except BlockingIOError:
            return
        except (OSError, ValueError):
            raise ClientGoneError from None
        self.socket = None


class Listener:
    """A dedicated database connection LISTENing on the incident and appeal channels."""

    def __init__(self) -> None:
        params = connections["default"].get_connection_params()
        self._connection = psycopg2.connect(**params)
        self._connection.autocommit = True
        with self._connection.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}; LISTEN {APPEAL_CHANNEL}")

    def wait(self, timeout_s: float, *, client: ClientWatch | None = None) -> list[Notice]:
        """What was announced within `timeout_s` (empty after a quiet wait), in commit order.

        Raises ClientGoneError as soon as the watched browser connection closes.
        """
        watched: list[Any] = [self._connection]
        if client is not None and client.socket is not None:
            watched.append(client.socket)
        ready, _, _ = select.select(watched, [], [], timeout_s)
        if client is not None and client.socket is not None and client.socket in ready:
            client.check()
            ready.remove(client.socket)
        if not ready:
            return []
        self._connection.poll()
        notices = []
        while self._connection.notifies:
            notice = self._connection.notifies.pop(0)
            if notice.channel in (CHANNEL, APPEAL_CHANNEL) and notice.payload.isdigit():
                notices.append(Notice(channel=notice.channel, row_id=int(notice.payload)))
        return notices

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
    render_appeals: AppealRenderer
    heartbeat_s: float = HEARTBEAT_SECONDS
    listener_factory: Callable[[], Listener] = Listener
    client: ClientWatch | None = None

    def __iter__(self) -> Iterator[str]:
        listener = self.listener_factory()
        try:
            # An opening comment makes every proxy pass the headers on at once.
            yield f"retry: {RETRY_MS}\n: stream open\n\n"
            if self.after is not None:
                yield from self._catch_up(self.after)
            close_old_connections()
            yield sse_message(
                data={"appeals": self.render_appeals(self.user, None)}, event="appeals"
            )
            while True:
                try:
                    notices = listener.wait(self.heartbeat_s, client=self.client)
                except ClientGoneError:
                    return
                if not notices:
                    if not self._still_allowed():
                        return
                    yield ": heartbeat\n\n"
                    continue
                close_old_connections()
                yield from self._announce(notices)
        finally:
            listener.close()

    def _still_allowed(self) -> bool:
        """Whether the console's person still works in the situation centre, read afresh: a
        revoked role or a deactivated account ends the stream, changed districts apply."""
        close_old_connections()
        user = self.user
        if user.is_authenticated:
            user.refresh_from_db(fields=["is_active"])
            forget_cached_roles(user)
        return is_operator(user)

    def _announce(self, notices: list[Notice]) -> Iterator[str]:
        """Send what `notices` announced, keeping their order across the two channels."""
        start = 0
        for end in range(1, len(notices) + 1):
            if end < len(notices) and notices[end].channel == notices[start].channel:
                continue
            run = [notice.row_id for notice in notices[start:end]]
            if notices[start].channel == CHANNEL:
                yield from self._send(announced_events(user=self.user, ids=run))
            else:
                for appeal in self.render_appeals(self.user, run):
                    yield sse_message(data=appeal, event="appeal")
            start = end

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
