-- Up Migration
-- The campaign engine: campaigns with an audience, a goal and a validated status; journeys as a
-- graph (steps and edges); runs admitting a frozen audience; one enrollment per lead and run,
-- durable in PostgreSQL (a million waiting leads cost no Redis memory and survive a Redis
-- flush), with an append-only history; outgoing webhook calls recorded once per (enrollment, step).

-- Usable from the next transaction on (ADD VALUE cannot be used in the one that adds it).
ALTER TYPE campaigns."CampaignStatus" ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'completed';

ALTER TABLE campaigns.campaigns
  ADD COLUMN admit_late_joiners boolean NOT NULL DEFAULT false,
  ADD COLUMN goal_event_type text,
  ADD COLUMN goal_window_hours integer CHECK (goal_window_hours BETWEEN 1 AND 8760),
  -- Why the campaign is in its status when something other than a person put it there.
  ADD COLUMN status_reason text,
  ADD COLUMN entry_step_id uuid,
  ADD COLUMN current_run_id uuid,
  ADD COLUMN launched_at timestamptz(3),
  ADD COLUMN finished_at timestamptz(3);

-- Steps are nodes of a graph now: a kind per node, a key the journey's author chose (edges name
-- keys), no order. Nothing but tests ever wrote the old kinds; `message` becomes `send`.
CREATE TYPE campaigns.step_kind AS ENUM ('send', 'wait', 'condition', 'action', 'split', 'exit');
ALTER TABLE campaigns.campaign_steps
  ALTER COLUMN kind TYPE campaigns.step_kind USING (CASE kind::text WHEN 'message' THEN 'send' ELSE kind::text END)::campaigns.step_kind,
  ADD COLUMN key text,
  DROP COLUMN delay_minutes;
DROP TYPE campaigns."StepKind";
UPDATE campaigns.campaign_steps SET key = 'step-' || position;
ALTER TABLE campaigns.campaign_steps ALTER COLUMN key SET NOT NULL;
DROP INDEX campaigns.campaign_steps_campaign_id_position_key;
CREATE UNIQUE INDEX campaign_steps_campaign_key ON campaigns.campaign_steps (campaign_id, key);

CREATE TABLE campaigns.campaign_edges (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns.campaigns(id) ON DELETE CASCADE,
  from_step_id uuid NOT NULL REFERENCES campaigns.campaign_steps(id) ON DELETE CASCADE,
  to_step_id uuid NOT NULL REFERENCES campaigns.campaign_steps(id) ON DELETE CASCADE,
  -- next | yes | no | <a split's variant key>
  branch text NOT NULL
);
CREATE UNIQUE INDEX campaign_edges_from_branch ON campaigns.campaign_edges (from_step_id, branch);
CREATE INDEX campaign_edges_campaign ON campaigns.campaign_edges (campaign_id);
SELECT tenancy.isolate_tenant_table('campaigns.campaign_edges');

-- One launch of a campaign: the audience snapshot it admits, and how far admission got (the
-- keyset checkpoint lets a restarted job carry on where it stopped).
CREATE TABLE campaigns.campaign_runs (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns.campaigns(id) ON DELETE CASCADE,
  job_id uuid NOT NULL,
  snapshot_id uuid,
  audience_size integer,
  admitted integer NOT NULL DEFAULT 0,
  admitted_through uuid,
  admission_done_at timestamptz(3),
  -- Winners of A/B splits once decided: { "<step id>": "<variant>" }.
  split_winners jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX campaign_runs_campaign ON campaigns.campaign_runs (campaign_id, created_at);
CREATE UNIQUE INDEX campaign_runs_job ON campaigns.campaign_runs (job_id);
SELECT tenancy.isolate_tenant_table('campaigns.campaign_runs');

CREATE TYPE campaigns.enrollment_status AS ENUM ('active', 'waiting', 'completed', 'exited');

CREATE TABLE campaigns.enrollments (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns.campaigns(id) ON DELETE CASCADE,
  run_id uuid NOT NULL REFERENCES campaigns.campaign_runs(id) ON DELETE CASCADE,
  lead_id uuid NOT NULL,
  -- The step the lead is at (to run when it wakes); null once completed or exited.
  step_id uuid,
  status campaigns.enrollment_status NOT NULL DEFAULT 'active',
  next_wake_at timestamptz(3),
  variant text,
  entered_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT enrollments_wake CHECK (status IN ('completed', 'exited') OR (step_id IS NOT NULL AND next_wake_at IS NOT NULL))
);
CREATE UNIQUE INDEX enrollments_run_lead ON campaigns.enrollments (tenant_id, run_id, lead_id);
-- The stepper's claim: a running campaign's due enrollments, soonest first. Finished ones leave the index.
CREATE INDEX enrollments_due ON campaigns.enrollments (campaign_id, next_wake_at) WHERE status IN ('active', 'waiting');
CREATE INDEX enrollments_campaign ON campaigns.enrollments (campaign_id, id);
SELECT tenancy.isolate_tenant_table('campaigns.enrollments');

-- Each step an enrollment went through: append-only, no index but the enrollment's, so a
-- million leads moving cost one narrow insert each.
CREATE TABLE campaigns.enrollment_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  enrollment_id uuid NOT NULL,
  step_id uuid NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  -- e.g. sent, waited, yes, no, variant:A, tagged, webhook_queued, webhook_delivered, exited
  outcome text NOT NULL,
  detail jsonb
);
CREATE INDEX enrollment_steps_enrollment ON campaigns.enrollment_steps (enrollment_id, id);
SELECT tenancy.isolate_tenant_table('campaigns.enrollment_steps');

-- An action step's outgoing webhook: recorded once per (enrollment, step) in the stepper's
-- transaction, called by a job afterwards, retried, its outcome kept.
CREATE TABLE campaigns.webhook_calls (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  enrollment_id uuid NOT NULL REFERENCES campaigns.enrollments(id) ON DELETE CASCADE,
  step_id uuid NOT NULL,
  body jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  response_status integer,
  error text,
  delivered_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX webhook_calls_once ON campaigns.webhook_calls (enrollment_id, step_id);
SELECT tenancy.isolate_tenant_table('campaigns.webhook_calls');

-- The stepper's door through RLS: running campaigns with enrollments due by `p_now` (ids only);
-- the enrollments themselves are then claimed under each tenant's own policy.
CREATE OR REPLACE FUNCTION campaigns.campaigns_with_due_enrollments(p_now timestamptz, p_limit int)
RETURNS TABLE (tenant_id uuid, campaign_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT c.tenant_id, c.id FROM campaigns.campaigns c
   WHERE c.status = 'running'
     AND EXISTS (SELECT 1 FROM campaigns.enrollments e WHERE e.campaign_id = c.id AND e.status IN ('active', 'waiting') AND e.next_wake_at <= p_now)
   ORDER BY c.id
   LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION campaigns.campaigns_with_due_enrollments(timestamptz, int) FROM PUBLIC;

-- Runs of running or paused campaigns whose admission has not finished, started before
-- `p_before`: the stepper queues their launch job again when Redis has lost it (a flush or a
-- restart mid-admission); admission carries on from its keyset checkpoint.
CREATE OR REPLACE FUNCTION campaigns.unfinished_admissions(p_before timestamptz, p_limit int)
RETURNS TABLE (tenant_id uuid, campaign_id uuid, run_id uuid, job_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT r.tenant_id, r.campaign_id, r.id, r.job_id FROM campaigns.campaign_runs r JOIN campaigns.campaigns c ON c.id = r.campaign_id
   WHERE r.admission_done_at IS NULL AND r.created_at < p_before AND c.current_run_id = r.id AND c.status IN ('running', 'paused')
   ORDER BY r.created_at
   LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION campaigns.unfinished_admissions(timestamptz, int) FROM PUBLIC;

-- Running campaigns that admit late joiners, with their run once its first admission is done:
-- the worker walks the segment's current members and admits the ones not yet in the run.
CREATE OR REPLACE FUNCTION campaigns.late_joiner_campaigns(p_limit int)
RETURNS TABLE (tenant_id uuid, campaign_id uuid, run_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT c.tenant_id, c.id, r.id FROM campaigns.campaigns c JOIN campaigns.campaign_runs r ON r.id = c.current_run_id
   WHERE c.status = 'running' AND c.admit_late_joiners AND r.admission_done_at IS NOT NULL
   ORDER BY c.id
   LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION campaigns.late_joiner_campaigns(int) FROM PUBLIC;

-- Webhook calls recorded by the stepper but never tried (their job was lost with Redis, or never
-- queued), recorded before `p_before`: queued again under their own id.
CREATE OR REPLACE FUNCTION campaigns.untried_webhook_calls(p_before timestamptz, p_limit int)
RETURNS TABLE (tenant_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT w.tenant_id, w.id FROM campaigns.webhook_calls w
   WHERE w.attempts = 0 AND w.delivered_at IS NULL AND w.created_at < p_before
   ORDER BY w.created_at
   LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION campaigns.untried_webhook_calls(timestamp with time zone, int) FROM PUBLIC;
