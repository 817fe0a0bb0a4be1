-- Up Migration
-- A tracked job's status row now carries what is needed to queue it again: its BullMQ payload
-- and options. The row is written in the transaction that asks for the job and the BullMQ job
-- is added once that commits; a process that dies in between leaves a `waiting` row that no
-- queue knows, which the worker's reconciler (a cron) finds and queues again, with the row's
-- id as the BullMQ job id so two workers doing it at once still make one job.
ALTER TABLE governance.jobs ADD COLUMN payload jsonb, ADD COLUMN options jsonb;

CREATE INDEX jobs_waiting_created_at_idx ON governance.jobs (created_at) WHERE state = 'waiting';

-- The reconciler looks across tenants (ids and job descriptions only); the runtime role gets
-- EXECUTE through the migrator's grants, nothing else of other tenants.
CREATE OR REPLACE FUNCTION governance.waiting_jobs_created_before(p_before timestamptz, p_limit int)
RETURNS TABLE (id uuid, tenant_id uuid, queue text, name text, payload jsonb, options jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT j.id, j.tenant_id, j.queue, j.name, j.payload, j.options
    FROM governance.jobs j
   WHERE j.state = 'waiting' AND j.created_at < p_before AND j.payload IS NOT NULL
   ORDER BY j.created_at
   LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION governance.waiting_jobs_created_before(timestamptz, int) FROM PUBLIC;
