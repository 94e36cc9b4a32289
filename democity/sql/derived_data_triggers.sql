-- Enabled triggers on the given tables that keep the tiles app's parcel features in step with
-- the register (migration tiles 0002). Their cache-invalidation triggers (tiles_cache_*) and
-- the register's own rules are not listed.
-- Params: tables (text[] of table names in the current schema).
-- Returns table, trigger name.
SELECT t.tgrelid::regclass::text AS table_name, t.tgname::text AS name
  FROM pg_trigger AS t
  JOIN pg_proc AS f ON f.oid = t.tgfoid
 WHERE t.tgrelid = ANY (SELECT to_regclass(n) FROM unnest(%(tables)s::text[]) AS n)
   AND NOT t.tgisinternal
   AND t.tgenabled <> 'D'
   AND f.proname LIKE 'tiles\_%%'
   AND f.proname NOT LIKE 'tiles\_cache\_%%'
 ORDER BY 1, 2;
