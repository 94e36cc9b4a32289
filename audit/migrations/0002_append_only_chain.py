from django.db import migrations

# The canonical form hashed for an entry: a jsonb object (its text form is deterministic: keys
# sorted, one spelling per value), the time in UTC with microseconds, and the previous hash.
ENTRY_HASH = r"""
CREATE FUNCTION audit_entry_hash(e audit_auditentry) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(jsonb_build_object(
        'id', e.id,
        'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'actor', e.actor_id,
        'actor_username', e.actor_username,
        'action', e.action,
        'object_type', e.object_type,
        'object_id', e.object_id,
        'cadastral_number', e.cadastral_number,
        'purpose', e.purpose,
        'ip', host(e.ip),
        'detail', e.detail,
        'prev_hash', e.prev_hash
    )::text, 'UTF8')), 'hex')
$$;
"""

# Writers queue on one transaction-scoped advisory lock (held until their commit), so the id and
# the previous hash are taken in commit order and two transactions can never chain onto the
# same entry. The key is arbitrary but fixed: 'audit' in ASCII.
CHAIN_ON_INSERT = r"""
CREATE FUNCTION audit_entry_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(435761014132);
    NEW.id := nextval(pg_get_serial_sequence('audit_auditentry', 'id'));
    NEW.at := clock_timestamp();
    SELECT hash INTO last_hash FROM audit_auditentry ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
    NEW.hash := audit_entry_hash(NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();
"""

# Refused for every role, the table owner and superusers included; lifting it takes an explicit
# ALTER TABLE ... DISABLE TRIGGER by the owner, which is exactly what audit_verify detects.
APPEND_ONLY = r"""
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % is refused.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
REVOKE UPDATE, DELETE ON audit_auditentry FROM PUBLIC;
REVOKE UPDATE, DELETE ON audit_auditentry FROM CURRENT_USER;
"""

APPEND_ONLY_REVERSE = r"""
GRANT UPDATE, DELETE ON audit_auditentry TO CURRENT_USER;
DROP TRIGGER audit_entry_no_truncate ON audit_auditentry;
DROP TRIGGER audit_entry_append_only ON audit_auditentry;
DROP FUNCTION audit_entry_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_auditentry")]

    operations = [
        migrations.RunSQL(
            ENTRY_HASH, reverse_sql="DROP FUNCTION audit_entry_hash(audit_auditentry);"
        ),
        migrations.RunSQL(
            CHAIN_ON_INSERT,
            reverse_sql="DROP TRIGGER audit_entry_chain ON audit_auditentry;"
            " DROP FUNCTION audit_entry_chain();",
        ),
        migrations.RunSQL(APPEND_ONLY, reverse_sql=APPEND_ONLY_REVERSE),
    ]
