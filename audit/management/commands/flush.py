"""Django's flush, able to empty the append-only audit log too.

flush empties every table of the database with one TRUNCATE (the test runner calls it after
each transactional test). The audit log refuses TRUNCATE by trigger, so flush lifts that one
trigger inside the same transaction; the table owner is the only role allowed to.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

TRIGGER = "audit_entry_no_truncate"
TABLE = "audit_auditentry"


def _audit_guard_exists(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)",
            [TRIGGER, TABLE],
        )
        return cursor.fetchone() is not None


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if not _audit_guard_exists(connection):
            super().handle(**options)
            return
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
            super().handle(**options)
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")
