"""Concurrent writers queue on the chain: no two entries ever name the same predecessor."""

import itertools
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from audit.models import Action, AuditEntry
from audit.services import record

WRITERS = 6
ENTRIES_EACH = 15


def _write(barrier: threading.Barrier, writer: int, errors: list) -> None:
    try:
        barrier.wait()
        for n in range(ENTRIES_EACH):
            with transaction.atomic():
                record(
                    actor=None,
                    action=Action.LOOKUP,
                    object_type="property",
                    object_id=f"{writer}-{n}",
                )
                # keep the transaction open a moment so others really wait on the lock
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_sleep(0.002)")
    except Exception as error:
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    barrier = threading.Barrier(WRITERS)
    errors: list = []
    threads = [threading.Thread(target=_write, args=(barrier, w, errors)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) == WRITERS * ENTRIES_EACH
    prev_hashes = [e.prev_hash for e in entries]
    assert len(set(prev_hashes)) == len(prev_hashes)  # no fork
    assert all(e.prev_hash == before.hash for before, e in itertools.pairwise(entries))
    call_command("audit_verify")


@pytest.mark.django_db
def test_the_application_role_holds_no_update_or_delete_grant():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(current_user, 'audit_auditentry', 'UPDATE'),"
            " has_table_privilege(current_user, 'audit_auditentry', 'DELETE'),"
            " has_table_privilege('public', 'audit_auditentry', 'UPDATE'),"
            " has_table_privilege(current_user, 'audit_auditentry', 'INSERT')"
        )
        assert cursor.fetchone() == (False, False, False, True)
