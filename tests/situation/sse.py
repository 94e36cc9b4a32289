"""A server-sent events reader over a real HTTP connection, and a gunicorn server for it.

The server is the production shape (gunicorn, threaded workers, config.wsgi) over the pytest
test database, so a stream test measures what a browser behind it would see.
"""

import http.client
import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

STREAM_PATH = "/situation/stream/"


@dataclass
class Message:
    """One event as the browser's EventSource would dispatch it."""

    event: str
    data: Any
    event_id: int | None
    received_at: float = field(default_factory=time.perf_counter)


class _Response:
    """Status and headers of the stream's answer."""

    def __init__(self, status: int, headers: dict[str, str]) -> None:
        self.status = status
        self.headers = headers


class SseReader:
    """Reads one stream over a plain socket (select() for time limits, chunked decoding by
    hand: http.client cannot read on after a timeout). Comments are counted, messages returned.
    """

    def __init__(
        self,
        port: int,
        *,
        session: str | None,
        last_event_id: int | None = None,
        query: str = "",
    ) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        lines = [f"GET {STREAM_PATH}{query} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
        lines.append("Accept: text/event-stream")
        if session:
            lines.append(f"Cookie: {settings.SESSION_COOKIE_NAME}={session}")
        if last_event_id is not None:
            lines.append(f"Last-Event-ID: {last_event_id}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        self._raw = b""
        self._body = b""
        self._closed = False
        head = self._read_head()
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        self.response = _Response(int(status_line.split()[1]), _Headers(headers))
        self._chunked = headers.get("transfer-encoding", "").lower() == "chunked"
        self._length = int(headers["content-length"]) if "content-length" in headers else None
        self.comments: list[str] = []
        self.retry_ms: int | None = None
        self.appeals: list[dict[str, Any]] | None = None

    def __enter__(self) -> "SseReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.sock.close()

    def _receive(self, deadline: float) -> bool:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self._closed:
            return False
        ready, _, _ = select.select([self.sock], [], [], remaining)
        if not ready:
            return False
        data = self.sock.recv(65536)
        if not data:
            self._closed = True
            return False
        self._raw += data
        return True

    def _read_head(self) -> bytes:
        deadline = time.monotonic() + 10
        while b"\r\n\r\n" not in self._raw:
            if not self._receive(deadline):
                raise ConnectionError("no answer from the server")
        head, _, self._raw = self._raw.partition(b"\r\n\r\n")
        return head

    def _decode(self) -> None:
        """Move the complete chunks received so far into the body."""
        if not self._chunked:
            self._body += self._raw
            self._raw = b""
            return
        while b"\r\n" in self._raw:
            size_line, _, rest = self._raw.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            if len(rest) < size + 2:
                return
            self._body += rest[:size]
            self._raw = rest[size + 2 :]
            if size == 0:
                self._closed = True
                return

    def read_body(self, timeout: float = 10) -> bytes:
        """The whole body of a short (error) answer."""
        deadline = time.monotonic() + timeout
        self._decode()
        while (self._length is None or len(self._body) < self._length) and self._receive(deadline):
            self._decode()
        return self._body

    def _readline(self, deadline: float) -> str | None:
        while True:
            self._decode()
            if b"\n" in self._body:
                line, _, self._body = self._body.partition(b"\n")
                return line.decode("utf-8")
            if self._closed:
                raise ConnectionError("the server ended the stream")
            if not self._receive(deadline):
                if self._closed:
                    raise ConnectionError("the server ended the stream")
                return None

    def next_message(self, timeout: float) -> Message | None:
        """The next message within `timeout` seconds, or None if none came."""
        deadline = time.monotonic() + timeout
        fields: dict[str, str] = {}
        while (line := self._readline(deadline)) is not None:
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
            elif line == "":
                if "data" in fields or "event" in fields:
                    return Message(
                        event=fields.get("event", "message"),
                        data=json.loads(fields["data"]) if "data" in fields else None,
                        event_id=int(fields["id"]) if "id" in fields else None,
                    )
                fields = {}
            else:
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if name == "retry":
                    self.retry_ms = int(value)
                else:
                    fields[name] = value
        return None

    def wait_open(self, timeout: float = 10) -> list[Message]:
        """Until the queue of appeals that opens every stream (the server listens from before
        it); the messages before it (a catch-up) are returned."""
        deadline = time.monotonic() + timeout
        before = []
        while True:
            message = self.next_message(max(0.0, deadline - time.monotonic()))
            if message is None:
                raise TimeoutError("the stream did not open")
            if message.event == "appeals":
                self.appeals = message.data["appeals"]
                return before
            before.append(message)

    def messages_until_quiet(self, quiet: float) -> list[Message]:
        """Every message until none arrives for `quiet` seconds."""
        found = []
        while (message := self.next_message(quiet)) is not None:
            found.append(message)
        return found


class _Headers(dict):
    """Header names in any case."""

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.lower())


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", STREAM_PATH)
            probe.getresponse().read()
            probe.close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("gunicorn did not start")


def gunicorn(*, log: Path, threads: int = 8) -> Iterator[int]:
    """Run gunicorn (gthread) over the current test database, its errors going to `log`;
    yield its port."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "MAKON_DB_NAME": connection.settings_dict["NAME"],
        "MAKON_LOG_LEVEL": "WARNING",
    }
    bin_dir = Path(sys.executable).parent
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(bin_dir / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--no-control-socket",
            # Streams whose browser left end at their next heartbeat; do not wait for that.
            "--graceful-timeout",
            "2",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    try:
        _wait_until_serving(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
