-- Up Migration
-- The event types a workspace has sent, with how many events of each and when the last one
-- happened: the segment builder's and the scoring form's picker list them. Counting them from
-- analytics.events would read every event (10M at our benchmark size); this table has one row
-- per type per workspace.
CREATE TABLE analytics.event_type_counts (
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  type text NOT NULL,
  events bigint NOT NULL,
  last_occurred_at timestamptz(3) NOT NULL,
  CONSTRAINT event_type_counts_pkey PRIMARY KEY (tenant_id, type)
);
SELECT tenancy.isolate_tenant_table('analytics.event_type_counts');

-- Kept by a statement trigger rather than by each writer, so every way events arrive (the API,
-- channel tracking, bulk loads) counts them: one grouped upsert per statement, from the rows the
-- statement really inserted (an idempotent replay that inserts nothing counts nothing). Types are
-- upserted in a fixed order so two batches of the same workspace cannot deadlock on their rows.
-- It runs as the inserting role, under that role's row-level security: a statement only ever
-- counts the events of the tenant it is allowed to write.
CREATE FUNCTION analytics.count_event_types() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO analytics.event_type_counts AS c (tenant_id, type, events, last_occurred_at)
  SELECT n.tenant_id, n.type, count(*), max(n.occurred_at) FROM inserted n GROUP BY n.tenant_id, n.type ORDER BY n.tenant_id, n.type
  ON CONFLICT (tenant_id, type) DO UPDATE
    SET events = c.events + EXCLUDED.events, last_occurred_at = GREATEST(c.last_occurred_at, EXCLUDED.last_occurred_at);
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION analytics.count_event_types() FROM PUBLIC;

CREATE TRIGGER events_count_types AFTER INSERT ON analytics.events
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION analytics.count_event_types();

INSERT INTO analytics.event_type_counts (tenant_id, type, events, last_occurred_at)
SELECT tenant_id, type, count(*), max(occurred_at) FROM analytics.events GROUP BY tenant_id, type;
