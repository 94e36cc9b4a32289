-- Refuse areas whose code is already registered.
-- Identifiers: {work}, {admin_areas}. No params.
UPDATE {work} AS w
SET reason = 'registered'
FROM {admin_areas} AS a
WHERE a.code = w.key AND w.reason IS NULL
