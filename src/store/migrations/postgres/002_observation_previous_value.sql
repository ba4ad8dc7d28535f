-- The value an observation had before its last change, so that UpsertObservation reports it from one
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement (one round trip per value).
ALTER TABLE observations ADD COLUMN prev_value DOUBLE PRECISION;
