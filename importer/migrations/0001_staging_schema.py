from django.db import migrations

# Files are loaded by ogr2ogr, over its own connection, into uniquely named tables of this schema;
# the importer drops each one when its run ends.
STAGING_SCHEMA = "CREATE SCHEMA IF NOT EXISTS staging;"
STAGING_SCHEMA_REVERSE = "DROP SCHEMA IF EXISTS staging CASCADE;"


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunSQL(STAGING_SCHEMA, reverse_sql=STAGING_SCHEMA_REVERSE)]
