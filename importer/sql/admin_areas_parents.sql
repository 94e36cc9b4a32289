-- Check the parents of one level's accepted areas: the parent must be registered or accepted
-- from this file (levels are checked top down, so a refused parent refuses its children) and
-- be of a level above. Identifiers: {work}, {admin_areas}.
-- Params: level, higher_levels (the levels above it).
UPDATE {work} AS w
SET reason = CASE WHEN parent.level IS NULL THEN 'parent_missing|parent_code|' || w.parent_code
        ELSE 'parent_level|' || w.level || '|' || w.parent_code
    END,
    other = parent.level
FROM {work} AS child
LEFT JOIN LATERAL (
    SELECT a.level FROM {admin_areas} AS a WHERE a.code = child.parent_code
    UNION ALL
    SELECT f.level FROM {work} AS f WHERE f.key = child.parent_code AND f.reason IS NULL
    LIMIT 1
) AS parent ON true
WHERE child.src_fid = w.src_fid
    AND w.level = %(level)s
    AND w.reason IS NULL
    AND (parent.level IS NULL OR NOT parent.level = ANY(%(higher_levels)s))
