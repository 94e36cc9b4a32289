-- Refuse buildings whose cadastral number a current registered version already has.
-- Identifiers: {work}, {buildings}. No params.
UPDATE {work} AS w
SET reason = 'registered', other = b.valid_from::date::text
FROM {buildings} AS b
WHERE b.cadastral_number = w.key AND b.valid_until IS NULL AND w.reason IS NULL
