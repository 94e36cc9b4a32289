-- The city's extent in degrees (EPSG:4326): west, south, east, north of the city and district
-- areas; NULLs when none is registered.
SELECT ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent)
FROM (
    SELECT ST_Extent(ST_Transform(a.geom, 4326)) AS extent
    FROM citygis_adminarea AS a
    WHERE a.level IN ('city', 'district')
) AS city
