-- The deployment area's envelope in source coordinates, to keep features far outside it (wrong
-- CRS, swapped axes) away from ST_Transform. Fails when the CRS cannot express the area.
-- Params: west, south, east, north (degrees), source_srid.
-- Returns one row: xmin, ymin, xmax, ymax.
SELECT ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)
FROM (
    SELECT ST_Extent(ST_Transform(
        ST_Segmentize(ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, 4326), 0.01),
        %(source_srid)s
    )) AS box
) AS area
