-- Rebuild tiles_parcel_feature (and through its triggers tiles_parcel_block) from every
-- current parcel in one pass. TRUNCATE fires the TRUNCATE triggers of migrations tiles 0002
-- and 0003: the block summary and the cached parcel tiles go with the old rows.
TRUNCATE tiles_parcel_feature;
SELECT tiles_parcel_feature_add(NULL);
ANALYZE tiles_parcel_feature;
ANALYZE tiles_parcel_block;
