"""Tables behind the vector tiles: tile sources kept in step with the register, and the cache.

None of these tables is edited by hand or by a service. Triggers keep them in step with the
tables they derive from, in the same transaction as every write there (services, admin,
importer, COPY):

* migration `tiles 0002_parcel_feature_sync` owns the triggers that maintain
  `tiles_parcel_feature` and `tiles_parcel_block`;
* migration `tiles 0003_tile_cache_invalidation` owns the triggers that delete cached tiles
  when the data they draw changes.

`manage.py tiles_rebuild` rebuilds the derived tables from scratch in bulk.
"""

from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GistIndex
from django.utils import timezone

SYNC_MIGRATION = "tiles 0002_parcel_feature_sync"
INVALIDATION_MIGRATION = "tiles 0003_tile_cache_invalidation"


# The geometry columns are indexed by the named GistIndex of each Meta (spatial_index=False
# keeps GeoDjango from adding a second, identical GiST index that every insert would maintain).


class ParcelFeature(models.Model):
    """One current parcel with the properties its tiles carry, ready to draw (EPSG:3857)."""

    parcel_id = models.BigIntegerField(
        primary_key=True,
        help_text="Id of the current version row in cadastre_parcel. Kept by the triggers of "
        f"migration {SYNC_MIGRATION}.",
    )
    geom_3857 = models.MultiPolygonField(
        srid=3857, spatial_index=False, help_text="The parcel's geom_3857."
    )
    cadastral_number = models.CharField(max_length=19)
    block_code = models.CharField(
        max_length=14, help_text="First five groups of the cadastral number: the block."
    )
    land_use = models.CharField(max_length=16)
    area_m2 = models.FloatField(
        help_text="Official area, or the ellipsoidal one where none is registered; 0.1 m2."
    )
    district = models.CharField(
        max_length=5, help_text="District code: the first two groups of the cadastral number."
    )
    owner_type = models.CharField(
        max_length=6,
        null=True,
        help_text="Kinds of the parties holding current ownership rights: person, legal, state, "
        "or mixed; empty without a registered owner. Recomputed by the triggers of migration "
        f"{SYNC_MIGRATION} when rights, properties, group members or party kinds change.",
    )
    registered_on = models.DateField(
        help_text="Date (deployment time zone) the current version came into force."
    )

    class Meta:
        db_table = "tiles_parcel_feature"
        indexes = [
            GistIndex(fields=["geom_3857"], name="parcel_feature_geom_gist"),
            models.Index(fields=["cadastral_number"], name="parcel_feature_number_idx"),
            models.Index(fields=["block_code"], name="parcel_feature_block_idx"),
        ]

    def __str__(self) -> str:
        return f"Parcel feature {self.cadastral_number}"


class ParcelBlock(models.Model):
    """One cadastral block as the parcels layer draws it at low zoom: outline and summary."""

    block_code = models.CharField(
        max_length=14,
        primary_key=True,
        help_text=f"Block code of its parcels. Kept by the triggers of migration {SYNC_MIGRATION}.",
    )
    geom_3857 = models.MultiPolygonField(
        srid=3857,
        spatial_index=False,
        help_text="The block's outline from the administrative areas, or the convex hull of its "
        "parcels where no block area carries the code.",
    )
    parcel_count = models.PositiveIntegerField()
    land_use = models.CharField(
        max_length=16, help_text="The most frequent land use (alphabetically first on a tie)."
    )

    class Meta:
        db_table = "tiles_parcel_block"
        indexes = [GistIndex(fields=["geom_3857"], name="parcel_block_geom_gist")]

    def __str__(self) -> str:
        return f"Block {self.block_code} ({self.parcel_count} parcels)"


class CachedTile(models.Model):
    """A tile as served: gzip-compressed MVT bytes with their ETag."""

    pk = models.CompositePrimaryKey("layer", "zoom", "x", "y")
    layer = models.CharField(max_length=32)
    zoom = models.PositiveSmallIntegerField()
    x = models.IntegerField()
    y = models.IntegerField()
    data = models.BinaryField(
        help_text="gzip-compressed Mapbox Vector Tile; empty for a tile without features."
    )
    etag = models.CharField(max_length=32, help_text="md5 (hex) of the uncompressed tile.")
    bounds = models.PolygonField(
        srid=3857,
        spatial_index=False,
        help_text="The area the tile draws: its envelope widened by the 64/4096 buffer. The "
        f"triggers of migration {INVALIDATION_MIGRATION} delete the tiles whose bounds meet "
        "the old or new geometry of a changed feature.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "tiles_tile_cache"
        indexes = [GistIndex(fields=["bounds"], name="tile_cache_bounds_gist")]

    def __str__(self) -> str:
        return f"{self.layer}/{self.zoom}/{self.x}/{self.y}"
