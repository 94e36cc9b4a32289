from django.db import migrations

# Imported rows get version 7 UUIDs (RFC 9562): the import's start in Unix milliseconds, then the
# row's rank in the import as a counter (rand_a and the top of rand_b), then random bits. One
# import's uids ascend, so a large import appends to the uid indexes instead of scattering
# inserts over them, and uids of different imports still never collide.
UUID7 = r"""
CREATE FUNCTION makon_import_uuid7(epoch_ms bigint, counter bigint) RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT (lpad(to_hex(epoch_ms & 281474976710655), 12, '0')
        || lpad(to_hex(28672 | ((counter >> 20) & 4095)::int), 4, '0')
        || lpad(to_hex(32768 | ((counter >> 6) & 16383)::int), 4, '0')
        || lpad(to_hex(((counter & 63) << 42) | floor(random() * 4398046511104)::bigint), 12, '0')
    )::uuid
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("importer", "0001_staging_schema")]

    operations = [
        migrations.RunSQL(
            UUID7, reverse_sql="DROP FUNCTION makon_import_uuid7(bigint, bigint);"
        )
    ]
