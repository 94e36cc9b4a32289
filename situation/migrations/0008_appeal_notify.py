"""New and triaged appeals are announced to live consoles, as incident events are.

The trigger sends the appeal id on the channel `situation_appeals` when an appeal is filed or
its state changes (taken into an incident, rejected); PostgreSQL delivers it only when the
transaction commits. The console's stream (situation.stream) listens on it beside
`situation_events`.
"""

from django.db import migrations

NOTIFY = """
CREATE FUNCTION situation_appeal_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('situation_appeals', NEW.id::text);
    RETURN NULL;
END;
$$;
CREATE TRIGGER situation_appeal_notify_insert
    AFTER INSERT ON situation_appeal
    FOR EACH ROW EXECUTE FUNCTION situation_appeal_notify();
CREATE TRIGGER situation_appeal_notify_state
    AFTER UPDATE OF state ON situation_appeal
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION situation_appeal_notify();
"""

NOTIFY_REVERSE = """
DROP TRIGGER situation_appeal_notify_state ON situation_appeal;
DROP TRIGGER situation_appeal_notify_insert ON situation_appeal;
DROP FUNCTION situation_appeal_notify();
"""


class Migration(migrations.Migration):
    dependencies = [("situation", "0007_departmentroute_district_required")]

    operations = [migrations.RunSQL(NOTIFY, NOTIFY_REVERSE)]
