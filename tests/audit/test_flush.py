"""Transactional tests end with flush; it must empty the append-only log and re-arm its guard."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEntry
from audit.services import record


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_can_write_entries():
    record(actor=None, action=Action.LOGIN_FAILED, object_type="user", object_id="")
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_after_flush_the_log_is_empty_and_still_refuses_truncate():
    assert AuditEntry.objects.count() == 0
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")
