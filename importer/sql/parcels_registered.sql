-- Refuse parcels whose cadastral number a current registered version already has.
-- Identifiers: {work}, {parcels}. No params.
UPDATE {work} AS w
SET reason = 'registered', other = p.valid_from::date::text
FROM {parcels} AS p
WHERE p.cadastral_number = w.key AND p.valid_until IS NULL AND w.reason IS NULL
