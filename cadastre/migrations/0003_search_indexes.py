"""Trigram indexes for the public address search (cadastre.selectors.search).

The search filters with Django's `icontains`, which PostgreSQL receives as
`UPPER("address"::text) LIKE UPPER('%word%')`; the indexes hold that same expression, so the
planner can use them. Only current versions are searched, so only they are indexed.
"""

from django.db import migrations

INDEXES = {
    "parcel_address_trgm": "cadastre_parcel",
    "building_address_trgm": "cadastre_building",
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
    ]
