from django.db import migrations


class Migration(migrations.Migration):
    """Extract numbers (YYYY-NNNNNNN) count from one sequence, so two issues never share one."""

    dependencies = [
        ("extracts", "0001_extract_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE extracts_extract_number_seq",
            reverse_sql="DROP SEQUENCE extracts_extract_number_seq",
        ),
    ]
