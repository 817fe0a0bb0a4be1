-- Up Migration
-- Per-lead behaviour counters: for each (tenant, lead, event type), how many events and the
-- first and last time. Segment conditions such as "clicked at least twice" read one row per lead
-- instead of the lead's events (see the segment compiler).
--
-- Kept by PostgreSQL itself, in the statement that changes analytics.events, whatever changes it:
-- ingestion (a replayed event, skipped by ON CONFLICT DO NOTHING, is not counted), an anonymous
-- visitor's events linked to the lead, a merge moving events to the surviving lead, a merge
-- undone, a test or a benchmark writing events directly. A statement-level trigger sees all the
-- statement's rows at once (transition tables): one grouped upsert per statement, not per row.
--
-- count is exact. first_at and last_at are exact while events are only added or moved whole
-- from a lead to another (what the application does); when some of a lead's events of a type
-- are moved away or deleted, they are kept as they were: then first_at is at or before the
-- lead's first such event and last_at at or after its last — bounds, which is how the
-- segment compiler reads them. (Narrowing them would race with concurrent inserts.) TRUNCATE and
-- dropping a partition fire no row triggers: after either, rebuild the table as at the end below.
CREATE TABLE analytics.lead_event_counts (
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  lead_id uuid NOT NULL,
  type text NOT NULL,
  count integer NOT NULL,
  first_at timestamptz(3) NOT NULL,
  last_at timestamptz(3) NOT NULL,
  CONSTRAINT lead_event_counts_pkey PRIMARY KEY (tenant_id, lead_id, type)
);
SELECT tenancy.isolate_tenant_table('analytics.lead_event_counts');

-- Every branch writes its changes in one upsert sorted by key, so concurrent statements lock
-- counter rows in the same order (no deadlock between two ingestions, or an ingestion and a
-- merge). Rows that reach zero are removed: a row always means at least one event.
CREATE FUNCTION analytics.count_lead_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics.lead_event_counts AS c (tenant_id, lead_id, type, count, first_at, last_at)
    SELECT tenant_id, lead_id, type, count(*), min(occurred_at), max(occurred_at)
      FROM new_events WHERE lead_id IS NOT NULL
     GROUP BY tenant_id, lead_id, type ORDER BY tenant_id, lead_id, type
    ON CONFLICT (tenant_id, lead_id, type) DO UPDATE
      SET count = c.count + excluded.count, first_at = least(c.first_at, excluded.first_at), last_at = greatest(c.last_at, excluded.last_at);
    RETURN NULL;
  END IF;

  -- UPDATE or DELETE: the old rows count -1 each, the new ones (UPDATE) +1. A key with only
  -- removals proposes (infinity, -infinity) as its times, which least/greatest leave unchanged.
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO analytics.lead_event_counts AS c (tenant_id, lead_id, type, count, first_at, last_at)
    SELECT tenant_id, lead_id, type, sum(n), coalesce(min(at), 'infinity'), coalesce(max(at), '-infinity')
      FROM (SELECT tenant_id, lead_id, type, 1 AS n, occurred_at AS at FROM new_events
            UNION ALL
            SELECT tenant_id, lead_id, type, -1, NULL FROM old_events) d
     WHERE lead_id IS NOT NULL
     GROUP BY tenant_id, lead_id, type ORDER BY tenant_id, lead_id, type
    ON CONFLICT (tenant_id, lead_id, type) DO UPDATE
      SET count = c.count + excluded.count, first_at = least(c.first_at, excluded.first_at), last_at = greatest(c.last_at, excluded.last_at);
  ELSE
    INSERT INTO analytics.lead_event_counts AS c (tenant_id, lead_id, type, count, first_at, last_at)
    SELECT tenant_id, lead_id, type, -count(*), 'infinity', '-infinity'
      FROM old_events WHERE lead_id IS NOT NULL
     GROUP BY tenant_id, lead_id, type ORDER BY tenant_id, lead_id, type
    ON CONFLICT (tenant_id, lead_id, type) DO UPDATE SET count = c.count + excluded.count;
  END IF;
  DELETE FROM analytics.lead_event_counts c
   USING (SELECT DISTINCT tenant_id, lead_id, type FROM old_events WHERE lead_id IS NOT NULL) o
   WHERE c.tenant_id = o.tenant_id AND c.lead_id = o.lead_id AND c.type = o.type AND c.count <= 0;
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger: three triggers, one function.
CREATE TRIGGER events_count_inserted AFTER INSERT ON analytics.events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION analytics.count_lead_events();
CREATE TRIGGER events_count_updated AFTER UPDATE ON analytics.events
  REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION analytics.count_lead_events();
CREATE TRIGGER events_count_deleted AFTER DELETE ON analytics.events
  REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION analytics.count_lead_events();

-- The events already stored.
INSERT INTO analytics.lead_event_counts (tenant_id, lead_id, type, count, first_at, last_at)
SELECT tenant_id, lead_id, type, count(*), min(occurred_at), max(occurred_at)
  FROM analytics.events WHERE lead_id IS NOT NULL
 GROUP BY tenant_id, lead_id, type;
