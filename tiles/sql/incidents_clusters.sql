-- Layer "incidents", zoom 10-13: open incidents summed per grid cell (32 x 32 cells per tile,
-- aligned with the tile grid so a cell never straddles two tiles), for clusters and heat maps.
-- Each cell: how many incidents, the highest severity, how many are overdue; the point is the
-- centre of its incidents' representative points. overdue is computed against now(), so this
-- layer is never cached (tiles.layers, cached=False).
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS tile,
           -- the Web Mercator world is 2 * 20037508.342789244 m wide
           40075016.685578488 / (2 ^ $1) / 32 AS cell
),
open_incidents AS (
    SELECT ST_PointOnSurface(i.geom_3857) AS anchor,
           i.severity,
           (i.state <> 'on_hold' AND i.sla_due_at < now()) AS overdue
    FROM situation_incident AS i, bounds
    WHERE i.geom_3857 && bounds.tile
      AND i.state IN ('new', 'triaged', 'assigned', 'in_progress', 'on_hold')
),
cells AS (
    SELECT ST_Centroid(ST_Collect(o.anchor)) AS centre,
           count(*) AS incident_count,
           max(o.severity) AS max_severity,
           count(*) FILTER (WHERE o.overdue) AS overdue_count
    FROM open_incidents AS o, bounds
    WHERE ST_Intersects(o.anchor, bounds.tile)
    -- grid nodes at cell centres, so each cell spans whole cells from the world's edge
    GROUP BY ST_SnapToGrid(
        o.anchor,
        -20037508.342789244 + bounds.cell / 2,
        20037508.342789244 - bounds.cell / 2,
        bounds.cell,
        bounds.cell
    )
)
SELECT ST_AsMVT(tile, 'incident_clusters', 4096, 'geom')
FROM (
    SELECT c.incident_count,
           c.max_severity,
           c.overdue_count,
           ST_AsMVTGeom(c.centre, bounds.tile, 4096, 64) AS geom
    FROM cells AS c, bounds
) AS tile
