-- Up Migration
-- Event ids were global: the key was (id, occurred_at) with ON CONFLICT DO NOTHING, so a
-- workspace sending an id another workspace had used was told "duplicate" (learning that the
-- other's event existed) and its event was dropped. Ids were also UUIDs only, while
-- integrators send their own ids (Segment and RudderStack messageIds are free-form strings).
--
-- Now `id` is always ours (a time-ordered UUID: timeline cursors compare it, merges and
-- scoring read events by it), and the integrator's id, when given, is `external_id`,
-- idempotent per workspace together with the event's time (a unique index on a partitioned
-- table must contain the partition key).
ALTER TABLE analytics.events ADD COLUMN external_id text;

-- Events stored so far were received with their id in `id`: replaying them stays a no-op.
UPDATE analytics.events SET external_id = id::text;

ALTER TABLE analytics.events ADD CONSTRAINT events_external_id_length CHECK (char_length(external_id) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX events_tenant_id_external_id_occurred_at_key ON analytics.events (tenant_id, external_id, occurred_at)
  WHERE external_id IS NOT NULL;
