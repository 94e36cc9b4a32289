"""The security walk: every URL pattern, every role, with A's objects, missing ones and public ones.

For each pattern of the URL configuration (resolvers walked recursively, the Django admin
included), each way of filling its parameters (tests/security/urlwalk.py), each role and
anonymous, and GET, POST, PUT, PATCH and DELETE:

- no answer is a server error;
- no answer to someone without a right to it carries citizen A's or A's co-holder's name,
  PINFL, passport, share, or the appellant's contact details;
- an object of A answers another user exactly as a missing one does (same status), unless it is
  public (anonymous gets it too) or its code is itself the permission (extract verification,
  photos by token);
- a write changes nothing in the database beyond the side effects listed in SIDE_EFFECTS.

Every request runs in a savepoint that is rolled back, so each one meets the same world; the
database's per-transaction row counters (pg_stat_xact_user_tables) tell what a request wrote.
"""

import html
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction
from django.test import Client

from tests.security.urlwalk import Pattern, all_patterns, unknown_parameters, urls_for
from tests.security.world import World, build_world

METHODS = ("get", "post", "put", "patch", "delete")
ROLES = (
    "anonymous",
    "citizen",
    "citizen2",
    "notary",
    "planner",
    "registrar",
    "operator",
    "operator_district",
    "admin",
)
# Who may read A's holders, shares and IDs: A, and the roles whose work is the whole register.
MAY_SEE_PERSONAL = {"citizen", "notary", "registrar", "admin"}
# Roles for which an object of A must look exactly like a missing one.
OUTSIDERS = ("citizen2", "planner", "operator", "operator_district")
# Parameters whose objects an outsider role may reach through its work (operators triage
# citizens' appeals and see their photos; the whole-city operator sees every incident).
OUTSIDER_REACHES = {
    "operator": {"incident_id", "appeal_id", "token"},
    "operator_district": {"appeal_id", "token"},
}
# URL names where the code in the path is the permission: whoever holds it may see what it opens.
BEARER = {
    "verify",
    "api-verify",
    "photo",
}
# What a request may write besides the register: the audit log of reads, sessions, counters of
# failed sign-ins and wrong extract codes, the tile cache.
SIDE_EFFECTS = {
    "audit_auditentry": "every read of personal data and every refusal worth noting is audited",
    "django_session": "signing in and out",
    "accounts_loginfailure": "failed sign-ins are counted",
    "extracts_verificationfailure": "wrong extract codes are counted",
    "tiles_tile_cache": "built tiles are cached",
}
# Writes that are the requester's own work even with the walk's body (checked for protected
# fields in test_protected_fields.py). URL name -> roles.
LEGIT_WRITES = {
    "my-notifications-read": {"citizen"},  # marks A's own notifications read
    "situation:triage-appeal-into": {"operator", "admin"},  # turns an appeal into an incident
}
# Protected fields sent with every write: none may take effect without the right.
WRITE_BODY = {
    "owner": "1",
    "party": "1",
    "party_id": "1",
    "status": "approved",
    "state": "closed",
    "share_numerator": "1",
    "share_denominator": "1",
    "version": "99",
    "valid_until": "2000-01-01T00:00:00Z",
    "is_staff": "true",
    "is_superuser": "true",
    "role": "admin",
    "roles": "admin",
}


class _RollbackError(Exception):
    """Leaves the request's savepoint."""


@dataclass
class Answer:
    status: int
    body: str
    writes: dict[str, int]
    error: str = ""


def _write_counters() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return dict(cursor.fetchall())


def _body(response) -> str:
    if not response.streaming:
        return response.content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("text/event-stream"):
        # An endless stream: its status and headers are what the walk checks. Closed as the
        # test client closes responses, without the signal that would drop the connection.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        return ""
    return b"".join(response.streaming_content).decode("utf-8", errors="replace")


def ask(world: World, role: str, method: str, url: str) -> Answer:
    """One request in a savepoint that is rolled back afterwards."""
    answer = Answer(status=0, body="", writes={})
    try:
        with transaction.atomic():
            client = Client()
            if role != "anonymous":
                client.force_login(world.users[role])
            before = _write_counters()
            kwargs = {}
            if method != "get":
                kwargs = {
                    "data": urlencode(WRITE_BODY),
                    "content_type": "application/x-www-form-urlencoded",
                }
            try:
                response = getattr(client, method)(url, **kwargs)
                answer.status = response.status_code
                answer.body = _body(response)
            except Exception as error:  # a view that raised is the server error the walk reports
                answer.status = 500
                answer.error = f"{type(error).__name__}: {error}"[:300]
            after = _write_counters()
            answer.writes = {
                table: count - before.get(table, 0)
                for table, count in after.items()
                if count != before.get(table, 0) and table not in SIDE_EFFECTS
            }
            raise _RollbackError
    except _RollbackError:
        pass
    return answer


def _variants(marker: str) -> set[str]:
    return {marker, html.escape(marker), json.dumps(marker)[1:-1]}


def leaked(world: World, body: str) -> list[str]:
    return [
        what
        for what, marker in world.markers.items()
        if any(variant in body for variant in _variants(marker))
    ]


def _may_write(role: str, pattern: Pattern) -> bool:
    if role == "admin" and pattern.is_admin:
        return True  # the Django admin is the administrator's own tool
    return role in LEGIT_WRITES.get(pattern.name, set())


def test_every_url_parameter_is_known_to_the_walk():
    assert unknown_parameters(all_patterns()) == {}, (
        "Add these parameters to FILLERS in tests/security/urlwalk.py"
    )


def _short(pattern: Pattern) -> str:
    return pattern.name.split(":")[-1]


@pytest.mark.slow
@pytest.mark.django_db
def test_url_walk(capsys):
    started = time.monotonic()
    world = build_world()
    patterns = all_patterns()
    assert unknown_parameters(patterns) == {}
    findings: list[str] = []
    requests = 0
    walked: set[str] = set()
    seen_by_privileged: set[str] = set()

    for pattern in patterns:
        urls = urls_for(world, pattern)
        for method in METHODS:
            answers: dict[tuple[str, str], Answer] = {}
            for kind, url in urls.items():
                for role in ROLES:
                    answer = ask(world, role, method, url)
                    requests += 1
                    answers[(kind, role)] = answer
                    where = f"{role} {method.upper()} {url} ({pattern.name})"
                    if answer.status >= 500:
                        findings.append(f"{where}: {answer.status} {answer.error}")
                    if role not in MAY_SEE_PERSONAL and _short(pattern) not in BEARER:
                        for what in leaked(world, answer.body):
                            findings.append(f"{where}: answer shows {what}")
                    if answer.writes and not _may_write(role, pattern):
                        findings.append(f"{where}: wrote {answer.writes}")
                    if role in MAY_SEE_PERSONAL:
                        seen_by_privileged.update(leaked(world, answer.body))
            walked.add(pattern.route)
            if "foreign" not in urls or _short(pattern) in BEARER:
                continue
            public = 200 <= answers[("foreign", "anonymous")].status < 300
            for role in OUTSIDERS:
                if public or set(pattern.params) & OUTSIDER_REACHES.get(role, set()):
                    continue
                foreign = answers[("foreign", role)].status
                missing = answers[("missing", role)].status
                if foreign != missing:
                    findings.append(
                        f"{role} {method.upper()} {urls['foreign']} ({pattern.name}): A's object "
                        f"answers {foreign}, a missing one {missing}"
                    )

    assert walked == {p.route for p in patterns}
    # The markers are real: the roles allowed to read them do meet them in answers.
    assert {"A's PINFL", "A's name", "co-holder's name"} <= seen_by_privileged
    with capsys.disabled():
        print(  # noqa: T201 - the walk's size and time belong in the test output
            f"\nsecurity walk: {len(patterns)} URL patterns, {requests} requests, "
            f"{len(findings)} findings, {time.monotonic() - started:.0f} s; markers met by "
            f"the roles allowed to: {sorted(seen_by_privileged)}"
        )
    assert findings == [], "\n".join(findings[:200])
