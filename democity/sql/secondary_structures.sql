-- Secondary indexes and constraints of the given tables, as the catalog defines them.
-- Params: tables (text[] of table names in the current schema).
-- Returns table, name, definition, is_constraint: foreign keys first, then unique and
-- exclusion constraints, then plain indexes (not primary keys, not indexes owned by a
-- constraint). Constraint definitions follow ADD CONSTRAINT <name>; index ones are complete.
SELECT c.conrelid::regclass::text AS table_name,
       c.conname::text AS name,
       pg_get_constraintdef(c.oid) AS definition,
       true AS is_constraint,
       CASE c.contype WHEN 'f' THEN 0 ELSE 1 END AS stage
  FROM pg_constraint AS c
 WHERE c.conrelid = ANY (SELECT to_regclass(t) FROM unnest(%(tables)s::text[]) AS t)
   AND c.contype IN ('f', 'u', 'x')
UNION ALL
SELECT i.indrelid::regclass::text,
       i.indexrelid::regclass::text,
       pg_get_indexdef(i.indexrelid),
       false,
       2
  FROM pg_index AS i
 WHERE i.indrelid = ANY (SELECT to_regclass(t) FROM unnest(%(tables)s::text[]) AS t)
   AND NOT i.indisprimary
   AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
 ORDER BY stage, table_name, name;
