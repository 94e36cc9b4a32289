-- City, district and mahalla boundaries as unions of whole grid cells, so each level nests
-- exactly in the one above and every boundary runs along a street centre line.
-- No parameters. Reads and then drops democity_area and democity_cell (staging.sql); blocks
-- are loaded apart. One INSERT, so the parent links are checked once all three levels exist.
ANALYZE democity_area, democity_cell;

WITH mahalla AS MATERIALIZED (
    SELECT mahalla_id AS id, ST_Multi(ST_Union(geom)) AS geom
      FROM democity_cell
     GROUP BY mahalla_id
),
district AS MATERIALIZED (
    SELECT a.parent_id AS id, ST_Multi(ST_Union(m.geom)) AS geom
      FROM mahalla AS m
      JOIN democity_area AS a ON a.id = m.id
     GROUP BY a.parent_id
),
city AS (
    SELECT a.id, ST_Multi(ST_Union(d.geom)) AS geom
      FROM district AS d
      JOIN democity_area AS a ON a.level = 'city'
     GROUP BY a.id
),
outline AS (
    SELECT id, geom FROM city
    UNION ALL SELECT id, geom FROM district
    UNION ALL SELECT id, geom FROM mahalla
)
INSERT INTO citygis_adminarea (id, level, code, name_uz, name_ru, name_en, parent_id, geom,
                               source_ref)
SELECT a.id, a.level, a.code, a.name_uz, a.name_ru, a.name_en, a.parent_id, o.geom, ''
  FROM democity_area AS a
  JOIN outline AS o ON o.id = a.id
 ORDER BY a.id;

-- Gone at once, not at commit: a build inside an outer transaction may run again.
DROP TABLE democity_area, democity_cell;
