"""Incident events are append-only, and each new one is announced to live consoles.

The guard refuses UPDATE and DELETE on situation_incidentevent (TRUNCATE, which only the test
database's flush uses, is left alone). The notify trigger sends the event id on the channel
`situation_events`; PostgreSQL delivers it only when the inserting transaction commits, so a
listener never sees an event that was rolled back.
"""

from django.db import migrations

GUARD = """
CREATE FUNCTION situation_incidentevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident events are append-only (% refused on event %)', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER situation_incidentevent_append_only
    BEFORE UPDATE OR DELETE ON situation_incidentevent
    FOR EACH ROW EXECUTE FUNCTION situation_incidentevent_refuse_change();
"""

GUARD_REVERSE = """
DROP TRIGGER situation_incidentevent_append_only ON situation_incidentevent;
DROP FUNCTION situation_incidentevent_refuse_change();
"""

NOTIFY = """
CREATE FUNCTION situation_incidentevent_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('situation_events', NEW.id::text);
    RETURN NULL;
END;
$$;
CREATE TRIGGER situation_incidentevent_notify
    AFTER INSERT ON situation_incidentevent
    FOR EACH ROW EXECUTE FUNCTION situation_incidentevent_notify();
"""

NOTIFY_REVERSE = """
DROP TRIGGER situation_incidentevent_notify ON situation_incidentevent;
DROP FUNCTION situation_incidentevent_notify();
"""


class Migration(migrations.Migration):
    dependencies = [("situation", "0001_initial")]

    operations = [
        migrations.RunSQL(GUARD, GUARD_REVERSE),
        migrations.RunSQL(NOTIFY, NOTIFY_REVERSE),
    ]
