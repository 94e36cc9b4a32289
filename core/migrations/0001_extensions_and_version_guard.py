from django.contrib.postgres.operations import BtreeGistExtension, HStoreExtension
from django.db import migrations

# A registered version may only be closed (valid_until set once); it is never rewritten or
# deleted. Trigger arguments name the generated columns, which a BEFORE trigger sees as NULL.
VERSION_GUARD = r"""
CREATE FUNCTION makon_versioned_row_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    unchecked text[] := array_append(TG_ARGV::text[], 'valid_until');
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Registered versions are never deleted (% id %); end the version instead.',
            TG_TABLE_NAME, OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.valid_until IS NOT NULL THEN
        RAISE EXCEPTION 'Version % of % ended on % and cannot change.',
            OLD.id, TG_TABLE_NAME, OLD.valid_until USING ERRCODE = 'restrict_violation';
    END IF;
    IF (to_jsonb(NEW) - unchecked) IS DISTINCT FROM (to_jsonb(OLD) - unchecked) THEN
        RAISE EXCEPTION 'Registered facts are never updated in place (% id %): end this version '
            'and register a new one.', TG_TABLE_NAME, OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        BtreeGistExtension(),
        HStoreExtension(),
        migrations.RunSQL(VERSION_GUARD, reverse_sql="DROP FUNCTION makon_versioned_row_guard();"),
    ]
