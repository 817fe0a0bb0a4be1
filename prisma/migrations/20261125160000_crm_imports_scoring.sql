-- Up Migration
-- Lead CSV imports (tracked uploads and their outcome) and lead scoring rules.

CREATE TYPE crm."ImportStatus" AS ENUM ('uploaded', 'queued', 'running', 'completed', 'failed');

CREATE TABLE crm.lead_imports (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  file_key text NOT NULL,
  size_bytes bigint NOT NULL,
  encoding text NOT NULL,
  delimiter text NOT NULL,
  headers text[] NOT NULL,
  mapping jsonb,
  status crm."ImportStatus" NOT NULL DEFAULT 'uploaded',
  job_id uuid,
  total_rows integer NOT NULL DEFAULT 0,
  created_count integer NOT NULL DEFAULT 0,
  updated_count integer NOT NULL DEFAULT 0,
  unchanged_count integer NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  report_key text,
  error text,
  created_by_id uuid,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  started_at timestamptz(3),
  finished_at timestamptz(3),
  CONSTRAINT lead_imports_pkey PRIMARY KEY (id)
);
CREATE INDEX lead_imports_tenant_id_created_at_idx ON crm.lead_imports (tenant_id, created_at);

CREATE TYPE crm."ScoringRuleKind" AS ENUM ('attribute', 'behaviour');

CREATE TABLE crm.scoring_rules (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  kind crm."ScoringRuleKind" NOT NULL,
  condition jsonb NOT NULL,
  points integer NOT NULL,
  max_points integer,
  decay_days integer,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT scoring_rules_pkey PRIMARY KEY (id)
);
CREATE INDEX scoring_rules_tenant_id_idx ON crm.scoring_rules (tenant_id);

SELECT tenancy.isolate_tenant_table('crm.lead_imports');
SELECT tenancy.isolate_tenant_table('crm.scoring_rules');

-- Static segments keep their members; every segment keeps its size over time.
CREATE TABLE crm.segment_members (
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  segment_id uuid NOT NULL REFERENCES crm.segments(id) ON DELETE CASCADE,
  lead_id uuid NOT NULL REFERENCES crm.leads(id) ON DELETE CASCADE,
  added_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT segment_members_pkey PRIMARY KEY (segment_id, lead_id)
);
CREATE INDEX segment_members_lead_id_idx ON crm.segment_members (lead_id);

CREATE TABLE crm.segment_sizes (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  segment_id uuid NOT NULL REFERENCES crm.segments(id) ON DELETE CASCADE,
  size integer NOT NULL,
  counted_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT segment_sizes_pkey PRIMARY KEY (id)
);
CREATE INDEX segment_sizes_segment_id_counted_at_idx ON crm.segment_sizes (segment_id, counted_at);

SELECT tenancy.isolate_tenant_table('crm.segment_members');
SELECT tenancy.isolate_tenant_table('crm.segment_sizes');
