"""The audit log is append-only and hash-chained in the database itself."""

import hashlib
import json
from datetime import UTC

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from accounts.testing import make_user
from audit.models import Action, AuditEntry
from audit.services import record

pytestmark = pytest.mark.django_db

GENESIS = "0" * 64


def _record(**fields):
    values = {
        "actor": None,
        "action": Action.LOOKUP,
        "object_type": "property",
        "object_id": 1,
        "cadastral_number": "10:01:01:01:01:0001",
    }
    values.update(fields)
    return record(**values)


def test_record_fills_who_when_where_and_chains_to_the_entry_before():
    notary = make_user(roles=["notary"])
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    first = _record(actor=notary, purpose="Deal 2026/17", request=request, detail={"a": 1})
    second = _record(actor=None, actor_username="guesser")

    assert first.at is not None
    assert first.actor_username == notary.username
    assert str(first.ip) == "10.1.2.3"
    assert len(first.hash) == 64
    assert second.prev_hash == first.hash
    assert second.id > first.id
    assert second.actor_id is None
    assert second.actor_username == "guesser"


def test_first_entry_chains_to_the_genesis_hash():
    entry = _record()
    assert AuditEntry.objects.order_by("id").first().prev_hash == GENESIS
    assert entry.prev_hash == GENESIS


def _jsonb_text(value) -> str:
    """PostgreSQL's text form of a jsonb value: keys ordered by length, then bytes."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return "{" + ", ".join(f"{json.dumps(k)}: {_jsonb_text(value[k])}" for k in keys) + "}"
    return json.dumps(value, ensure_ascii=False)


def test_stored_hash_is_sha256_of_the_documented_canonical_form():
    user = make_user(roles=["notary"])
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    entry = _record(
        actor=user, purpose="Kredit shartnomasi", request=request, detail={"share": "1/2", "n": 3}
    )
    entry.refresh_from_db()
    canonical = _jsonb_text(
        {
            "id": entry.id,
            "at": entry.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor": user.pk,
            "actor_username": user.username,
            "action": "lookup",
            "object_type": "property",
            "object_id": "1",
            "cadastral_number": "10:01:01:01:01:0001",
            "purpose": "Kredit shartnomasi",
            "ip": "192.0.2.7",
            "detail": {"share": "1/2", "n": 3},
            "prev_hash": entry.prev_hash,
        }
    )
    assert entry.hash == hashlib.sha256(canonical.encode()).hexdigest()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET purpose = 'rewritten' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
        "TRUNCATE audit_auditentry",
    ],
)
def test_database_refuses_to_change_or_remove_entries(statement):
    entry = _record()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.id] if "%s" in statement else [])
    assert AuditEntry.objects.get(pk=entry.pk).purpose == entry.purpose


def test_orm_update_and_delete_are_refused_too():
    entry = _record()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_unknown_action_is_refused():
    with pytest.raises(ValueError, match="Unknown audit action"):
        _record(action="peek")


def test_entry_rolls_back_with_the_transaction_it_records():
    before = AuditEntry.objects.count()

    def failing_change():
        with transaction.atomic():
            _record()
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert AuditEntry.objects.count() == before


def test_verify_passes_on_an_intact_chain(capsys):
    for n in range(3):
        _record(object_id=n)
    call_command("audit_verify")
    assert "Audit log intact: 3 entries" in capsys.readouterr().out


def _tamper(sql: str, params: list) -> None:
    """Alter the log as its owner would have to: lift the guard trigger and the revoked grant.

    Everything happens inside the test's transaction and is rolled back with it.
    """
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute("GRANT UPDATE, DELETE ON audit_auditentry TO CURRENT_USER")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


def test_verify_names_an_altered_entry():
    entries = [_record(object_id=n) for n in range(4)]
    victim = entries[1]
    _tamper("UPDATE audit_auditentry SET purpose = 'nothing to see' WHERE id = %s", [victim.id])

    with pytest.raises(CommandError, match="tampered") as failure:
        call_command("audit_verify")
    assert str(victim.id) in str(failure.value)


def test_verify_notices_a_removed_entry_by_its_successor():
    entries = [_record(object_id=n) for n in range(4)]
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].id])

    with pytest.raises(CommandError) as failure:
        call_command("audit_verify")
    assert str(entries[3].id) in str(failure.value)


def test_verify_notices_a_rehashed_entry_whose_successor_still_names_the_old_hash():
    entries = [_record(object_id=n) for n in range(3)]
    _tamper(
        "UPDATE audit_auditentry AS e SET purpose = 'forged',"
        " hash = audit_entry_hash((e.id, e.at, e.actor_username, e.action, e.object_type,"
        " e.object_id, e.cadastral_number, 'forged', e.ip, e.detail, e.prev_hash, e.hash,"
        " e.actor_id)::audit_auditentry) WHERE id = %s",
        [entries[1].id],
    )
    with pytest.raises(CommandError) as failure:
        call_command("audit_verify")
    assert str(entries[2].id) in str(failure.value)
