-- City, district and mahalla boundaries as unions of whole grid cells, so each level nests
-- exactly in the one above and every boundary runs along a street centre line.
-- No parameters. Reads and then drops democity_area and democity_cell (staging.sql); blocks
-- are loaded apart.
ANALYZE democity_area, democity_cell;

-- Materialized: a nested loop must not recompute the unions once per area row.
WITH mahalla AS MATERIALIZED (
    SELECT mahalla_id, ST_Multi(ST_Union(geom)) AS geom
      FROM democity_cell
     GROUP BY mahalla_id
)
INSERT INTO citygis_adminarea (id, level, code, name_uz, name_ru, name_en, parent_id, geom,
                               source_ref)
SELECT a.id, a.level, a.code, a.name_uz, a.name_ru, a.name_en, a.parent_id, m.geom, ''
  FROM democity_area AS a
  JOIN mahalla AS m ON m.mahalla_id = a.id
 WHERE a.level = 'mahalla';

INSERT INTO citygis_adminarea (id, level, code, name_uz, name_ru, name_en, parent_id, geom,
                               source_ref)
SELECT a.id, a.level, a.code, a.name_uz, a.name_ru, a.name_en, a.parent_id,
       ST_Multi(ST_Union(m.geom)), ''
  FROM democity_area AS a
  JOIN citygis_adminarea AS m ON m.parent_id = a.id AND m.level = 'mahalla'
 WHERE a.level = 'district'
 GROUP BY a.id;

INSERT INTO citygis_adminarea (id, level, code, name_uz, name_ru, name_en, parent_id, geom,
                               source_ref)
SELECT a.id, a.level, a.code, a.name_uz, a.name_ru, a.name_en, a.parent_id,
       ST_Multi(ST_Union(d.geom)), ''
  FROM democity_area AS a
  JOIN citygis_adminarea AS d ON d.parent_id = a.id AND d.level = 'district'
 WHERE a.level = 'city'
 GROUP BY a.id;

-- Gone at once, not at commit: a build inside an outer transaction may run again.
DROP TABLE democity_area, democity_cell;
