-- Layer "infrastructure", zoom 16-22: segments of every network (source layer
-- infrastructure) and network nodes (source layer infrastructure_nodes).
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea: the two MVT layers, which
-- concatenate into one tile.
-- Nodes are points: those in the 64-unit buffer are kept so a symbol on the tile edge is drawn
-- whole on both sides.
SELECT (
    SELECT ST_AsMVT(segments, 'infrastructure', 4096, 'geom')
    FROM (
        SELECT s.network,
               s.status,
               ST_AsMVTGeom(s.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
        FROM citygis_infrastructuresegment AS s
        WHERE s.geom_3857 && ST_TileEnvelope($1, $2, $3)
    ) AS segments
) || (
    SELECT ST_AsMVT(nodes, 'infrastructure_nodes', 4096, 'geom')
    FROM (
        SELECT n.network,
               n.kind,
               n.status,
               ST_AsMVTGeom(n.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
        FROM citygis_infrastructurenode AS n
        WHERE n.geom_3857 && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096)
    ) AS nodes
)
