-- Register one level's accepted areas, their parent found by code (registered before, or
-- inserted by this run for the level above). Identifiers: {work}, {admin_areas}. Params: level.
INSERT INTO {admin_areas} (level, code, name_uz, name_ru, name_en, parent_id, geom, source_ref)
SELECT w.level, w.key, w.name_uz, w.name_ru, w.name_en, parent.id, w.geom, w.source_ref
FROM {work} AS w
LEFT JOIN {admin_areas} AS parent ON parent.code = w.parent_code
WHERE w.reason IS NULL AND w.level = %(level)s
ORDER BY w.src_fid
