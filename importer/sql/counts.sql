-- How many features of the run are accepted and how many were skipped (not of the kind).
-- Identifiers: {work}. No params. Returns accepted, skipped.
SELECT count(*) FILTER (WHERE reason IS NULL), count(*) FILTER (WHERE reason = 'skip')
FROM {work}
