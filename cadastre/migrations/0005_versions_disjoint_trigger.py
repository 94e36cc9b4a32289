"""Versions of one object kept apart in time by core's statement trigger, not a GiST exclusion."""

from django.db import migrations

from core.versioning import versions_disjoint_sql


class Migration(migrations.Migration):
    dependencies = [
        ("cadastre", "0004_share_check_plan"),
        ("core", "0002_versions_disjoint"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="building",
            name="building_no_overlapping_versions",
        ),
        migrations.RemoveConstraint(
            model_name="buildingunit",
            name="unit_no_overlapping_versions",
        ),
        migrations.RemoveConstraint(
            model_name="parcel",
            name="parcel_no_overlapping_versions",
        ),
        migrations.RemoveConstraint(
            model_name="responsibility",
            name="responsibility_no_overlapping_versions",
        ),
        migrations.RemoveConstraint(
            model_name="restriction",
            name="restriction_no_overlapping_versions",
        ),
        migrations.RemoveConstraint(
            model_name="right",
            name="right_no_overlapping_versions",
        ),
        versions_disjoint_sql("cadastre_parcel", "parcel"),
        versions_disjoint_sql("cadastre_building", "building"),
        versions_disjoint_sql("cadastre_buildingunit", "unit"),
        versions_disjoint_sql("cadastre_right", "right"),
        versions_disjoint_sql("cadastre_restriction", "restriction"),
        versions_disjoint_sql("cadastre_responsibility", "responsibility"),
    ]
