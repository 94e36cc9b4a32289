"""Trigram indexes and statistics for the public address search (cadastre.selectors.search).

The search filters with Django's `icontains`, which PostgreSQL receives as
`UPPER("address"::text) LIKE UPPER('%word%')`; the indexes hold that same expression, so the
planner can use them. Only current versions are searched, so only they are indexed.

Statistics on the same expression tell the planner how common a word is. Without them it
guesses a few hundred rows for any word, and a word in every address ("Toshkent") is answered
by sorting the whole register (1.5 s on a million parcels) instead of reading the number index
in order and stopping at the tenth match (under a millisecond).
"""

from django.db import migrations

INDEXES = {
    "parcel_address_trgm": "cadastre_parcel",
    "building_address_trgm": "cadastre_building",
}
STATISTICS = {
    "parcel_address_upper_stats": "cadastre_parcel",
    "building_address_upper_stats": "cadastre_building",
}


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction; the tables stay writable.
    atomic = False

    dependencies = [("cadastre", "0002_register_rules")]

    operations = [
        # pg_trgm is a trusted extension: the database owner may create it. It is not dropped on
        # the way back, as other schemas may use it.
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;", reverse_sql=migrations.RunSQL.noop
        ),
        *(
            migrations.RunSQL(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} "
                f"USING gin (UPPER(address::text) gin_trgm_ops) WHERE valid_until IS NULL;",
                reverse_sql=f"DROP INDEX CONCURRENTLY IF EXISTS {name};",
            )
            for name, table in INDEXES.items()
        ),
        *(
            migrations.RunSQL(
                f"CREATE STATISTICS IF NOT EXISTS {name} ON (UPPER(address::text)) FROM {table};"
                f"ANALYZE {table};",
                reverse_sql=f"DROP STATISTICS IF EXISTS {name};",
            )
            for name, table in STATISTICS.items()
        ),
    ]
