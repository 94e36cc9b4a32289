-- Current parcels and buildings within a radius of a geometry, nearest first, with the people
-- and bodies holding a current right in them (to notify). Distances are metres in the metric
-- storage CRS. An object's holders are those of every property on it: the parcel's own, its
-- buildings' and their units' (cadastral numbers under the object's number), and of sets that
-- list it as a component. A party group counts as its members.
-- Params: target (EWKB, any SRID), srid (storage), radius_m, limit (per kind; one more row is
--   read to tell that the list was cut).
-- Result: kind ('parcel' | 'building'), id, cadastral_number (NULL for an unregistered
--   building), address, use, floors, units, apartments, distance_m, district_id,
--   holders (JSON array of {id, name}, by name).
WITH target AS (
    SELECT ST_Transform(ST_GeomFromEWKB(%(target)s), %(srid)s) AS geom
),
parcels AS (
    SELECT 'parcel'::text AS kind, p.id, p.cadastral_number, p.address, p.land_use AS use,
           NULL::int AS floors, p.geom, ST_Distance(p.geom, t.geom) AS distance_m
    FROM cadastre_parcel AS p, target AS t
    WHERE p.valid_until IS NULL AND ST_DWithin(p.geom, t.geom, %(radius_m)s)
    ORDER BY distance_m, p.cadastral_number
    LIMIT %(limit)s + 1
),
buildings AS (
    SELECT 'building'::text AS kind, b.id, b.cadastral_number, b.address, b.use,
           b.floors::int AS floors, b.geom, ST_Distance(b.geom, t.geom) AS distance_m
    FROM cadastre_building AS b, target AS t
    WHERE b.valid_until IS NULL AND ST_DWithin(b.geom, t.geom, %(radius_m)s)
    ORDER BY distance_m, b.cadastral_number, b.id
    LIMIT %(limit)s + 1
),
objects AS (
    SELECT * FROM parcels
    UNION ALL
    SELECT * FROM buildings
),
-- Properties on each registered object: by number (itself, or anything numbered under it; the
-- shared layout makes the digit range exact in any collation) or by component.
properties AS (
    SELECT o.kind, o.id, pr.id AS property_id
    FROM objects AS o
    JOIN cadastre_property AS pr
        ON pr.cadastral_number = o.cadastral_number
        OR pr.cadastral_number BETWEEN o.cadastral_number || ':0000'
                                   AND o.cadastral_number || ':9999:999'
    UNION
    SELECT o.kind, o.id, pc.property_id
    FROM objects AS o
    JOIN cadastre_propertycomponent AS pc
        ON pc.cadastral_number = o.cadastral_number
        OR pc.cadastral_number BETWEEN o.cadastral_number || ':0000'
                                   AND o.cadastral_number || ':9999:999'
),
holders AS (
    SELECT DISTINCT pr.kind, pr.id, party.id AS party_id,
           CASE
               WHEN party.kind = 'person'
                   THEN concat_ws(' ', nullif(party.last_name, ''), nullif(party.first_name, ''),
                                  nullif(party.patronymic, ''))
               ELSE party.organisation_name
           END AS name
    FROM properties AS pr
    JOIN cadastre_right AS r ON r.property_id = pr.property_id AND r.valid_until IS NULL
    LEFT JOIN cadastre_partygroupmember AS m ON m.group_id = r.party_group_id
    JOIN cadastre_party AS party ON party.id = coalesce(r.party_id, m.party_id)
)
SELECT o.kind, o.id, o.cadastral_number, o.address, o.use, o.floors,
       coalesce(u.units, 0) AS units, coalesce(u.apartments, 0) AS apartments,
       o.distance_m,
       (SELECT d.id
        FROM citygis_adminarea AS d
        WHERE d.level = 'district' AND ST_Intersects(d.geom, ST_PointOnSurface(o.geom))
        ORDER BY d.id
        LIMIT 1) AS district_id,
       coalesce(
           (SELECT json_agg(json_build_object('id', h.party_id, 'name', h.name)
                            ORDER BY h.name, h.party_id)
            FROM holders AS h
            WHERE h.kind = o.kind AND h.id = o.id),
           '[]'::json
       ) AS holders
FROM objects AS o
LEFT JOIN LATERAL (
    SELECT count(*) AS units, count(*) FILTER (WHERE bu.use = 'apartment') AS apartments
    FROM cadastre_buildingunit AS bu
    WHERE o.kind = 'building' AND bu.building_number = o.cadastral_number
      AND bu.valid_until IS NULL
) AS u ON true
ORDER BY o.kind DESC, o.distance_m, o.cadastral_number, o.id
