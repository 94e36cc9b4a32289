"""The stream's parts without HTTP: resume ids, message format, heartbeat, the LISTEN
connection released when the browser goes."""

import json
import time
from collections.abc import Iterator

import pytest
from django.db import connection

from accounts.models import Role, RoleGrant
from accounts.testing import make_user
from core.exceptions import InvalidInputError
from situation.console_selectors import appeal_payloads, stream_payloads
from situation.stream import EventStream, last_event_id_parse, sse_message


@pytest.mark.parametrize(
    ("header", "query", "expected"),
    [
        (None, None, None),
        ("", "  ", None),
        ("42", None, 42),
        (None, "7", 7),
        ("42", "7", 42),
        (" 5 ", None, 5),
        ("0", None, 0),
    ],
)
def test_resume_id_from_header_then_query(header, query, expected):
    assert last_event_id_parse(header=header, query=query) == expected


@pytest.mark.parametrize("raw", ["x", "-3", "2.0", "1e3", "٣", str(2**63)])
def test_resume_id_garbage_is_refused(raw):
    with pytest.raises(InvalidInputError, match="incident event"):
        last_event_id_parse(header=raw, query=None)


def test_message_is_one_event_with_its_id():
    text = sse_message(data={"a": "line\nbreak"}, event="incident", event_id=12)
    lines = text.split("\n")
    assert lines[:2] == ["id: 12", "event: incident"]
    assert json.loads(lines[2].removeprefix("data: ")) == {"a": "line\nbreak"}
    assert text.endswith("\n\n")
    assert text.count("\n") == 4


def _listening_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND query LIKE 'LISTEN situation_events%%'"
        )
        return cursor.fetchone()[0]


def _listeners_after_close() -> int:
    """Listening connections once closed ones are gone: the server process of a closed
    connection leaves pg_stat_activity a moment after the client closed it."""
    deadline = time.monotonic() + 5
    while _listening_connections() and time.monotonic() < deadline:
        time.sleep(0.05)
    return _listening_connections()


def _fast_stream(operator: object) -> Iterator[str]:
    """The console's event stream for `operator`, from now on, with a heartbeat every 0.1 s."""
    return iter(
        EventStream(
            user=operator,
            after=None,
            render=stream_payloads,
            render_appeals=appeal_payloads,
            heartbeat_s=0.1,
        )
    )


@pytest.mark.django_db(transaction=True)
def test_quiet_stream_sends_heartbeats_and_releases_its_connection_when_closed():
    operator = make_user(roles=[Role.OPERATOR])
    stream = _fast_stream(operator)
    assert next(stream).startswith("retry: ")
    assert _listening_connections() == 1
    assert next(stream) == 'event: appeals\ndata: {"appeals":[]}\n\n'
    assert next(stream) == ": heartbeat\n\n"
    assert next(stream) == ": heartbeat\n\n"
    # What the server does when the browser has gone: the write fails, the iterator is closed.
    stream.close()
    assert _listeners_after_close() == 0


@pytest.mark.django_db(transaction=True)
def test_a_revoked_operator_loses_the_stream_at_the_next_heartbeat():
    operator = make_user(roles=[Role.OPERATOR])
    stream = _fast_stream(operator)
    next(stream)  # opened
    next(stream)  # the appeal queue
    assert next(stream) == ": heartbeat\n\n"
    RoleGrant.objects.filter(user=operator).delete()
    with pytest.raises(StopIteration):
        next(stream)
    assert _listeners_after_close() == 0
