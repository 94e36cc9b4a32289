-- Layer "incidents", zoom 14-22: every open incident (new, triaged, assigned, in_progress,
-- on_hold; situation.models.OPEN_STATES) drawn as its point, line or area. The feature id is the
-- incident's id (the operator API answers a click). Only what styling needs: type, severity
-- (1-4), state and overdue; nothing about who reported it.
-- overdue is computed against now() (open, clock running, past the SLA due time), so a tile
-- changes with the clock alone: this layer is never cached (tiles.layers, cached=False).
-- Parameters: $1 zoom, $2 x, $3 y (integer). Returns one bytea, the MVT.
SELECT ST_AsMVT(tile, 'incidents', 4096, 'geom', 'id')
FROM (
    SELECT i.id,
           t.code AS type,
           i.severity,
           i.state,
           (i.state <> 'on_hold' AND i.sla_due_at < now()) AS overdue,
           ST_AsMVTGeom(i.geom_3857, ST_TileEnvelope($1, $2, $3), 4096, 64) AS geom
    FROM situation_incident AS i
    JOIN situation_incidenttype AS t ON t.id = i.incident_type_id
    WHERE i.geom_3857 && ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096)
      AND i.state IN ('new', 'triaged', 'assigned', 'in_progress', 'on_hold')
) AS tile
