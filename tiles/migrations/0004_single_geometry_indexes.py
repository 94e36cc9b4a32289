"""One GiST index per tiles geometry column: the named Meta index, not also GeoDjango's own."""

import django.contrib.gis.db.models.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tiles", "0003_tile_cache_invalidation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cachedtile",
            name="bounds",
            field=django.contrib.gis.db.models.fields.PolygonField(
                help_text="The area the tile draws: its envelope widened by the 64/4096 buffer. The triggers of migration tiles 0003_tile_cache_invalidation delete the tiles whose bounds meet the old or new geometry of a changed feature.",
                spatial_index=False,
                srid=3857,
            ),
        ),
        migrations.AlterField(
            model_name="parcelblock",
            name="geom_3857",
            field=django.contrib.gis.db.models.fields.MultiPolygonField(
                help_text="The block's outline from the administrative areas, or the convex hull of its parcels where no block area carries the code.",
                spatial_index=False,
                srid=3857,
            ),
        ),
        migrations.AlterField(
            model_name="parcelfeature",
            name="geom_3857",
            field=django.contrib.gis.db.models.fields.MultiPolygonField(
                help_text="The parcel's geom_3857.", spatial_index=False, srid=3857
            ),
        ),
    ]
