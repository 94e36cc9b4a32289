-- How many features ogr2ogr loaded. Identifiers: {staging}. No params.
SELECT count(*) FROM {staging}
