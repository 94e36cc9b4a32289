"""Recompute the audit log's hash chain and fail on the first sign of tampering."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Every entry must hash to its stored hash and name the stored hash of the entry before it.
# Returns only the broken entries, so a long log is checked without leaving the database.
BROKEN_ENTRIES_SQL = """
WITH chain AS (
    SELECT e.id, e.hash, e.prev_hash, audit_entry_hash(e) AS computed,
           lag(e.hash) OVER (ORDER BY e.id) AS previous
    FROM audit_auditentry AS e
)
SELECT id,
       computed <> hash AS altered,
       prev_hash <> coalesce(previous, repeat('0', 64)) AS unlinked
FROM chain
WHERE computed <> hash OR prev_hash <> coalesce(previous, repeat('0', 64))
ORDER BY id
"""

HEAD_SQL = "SELECT count(*), max(id), (SELECT hash FROM audit_auditentry ORDER BY id DESC LIMIT 1)"
HEAD_SQL += " FROM audit_auditentry"


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit non-zero naming every tampered entry."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--head",
            help="The last entry's hash noted earlier (e.g. in a paper log); "
            "the chain must still contain it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute(BROKEN_ENTRIES_SQL)
            broken = cursor.fetchall()
            cursor.execute(HEAD_SQL)
            count, last_id, head = cursor.fetchone()
            noted_head_found = True
            if options["head"]:
                cursor.execute("SELECT 1 FROM audit_auditentry WHERE hash = %s", [options["head"]])
                noted_head_found = cursor.fetchone() is not None
        for entry_id, altered, unlinked in broken:
            reasons = []
            if altered:
                reasons.append("its content does not match its hash")
            if unlinked:
                reasons.append("the entry before it is missing or was altered")
            self.stderr.write(f"Audit entry {entry_id}: {' and '.join(reasons)}.")
        if not noted_head_found:
            self.stderr.write(f"The noted hash {options['head']} is no longer in the chain.")
        if broken or not noted_head_found:
            ids = ", ".join(str(row[0]) for row in broken)
            raise CommandError(
                f"The audit log has been tampered with (entries: {ids or 'removed at the end'})."
            )
        self.stdout.write(
            f"Audit log intact: {count} entries, last id {last_id or '-'}, head hash {head or '-'}."
        )
