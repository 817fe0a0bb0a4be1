-- Up Migration
-- A segment's membership frozen at one moment, for a campaign to send to exactly those leads
-- whatever happens to the segment afterwards. The rules are kept as they were, so a snapshot
-- also says what was asked.
CREATE TABLE crm.segment_snapshots (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  segment_id uuid NOT NULL REFERENCES crm.segments(id) ON DELETE CASCADE,
  kind crm."SegmentKind" NOT NULL,
  rules jsonb NOT NULL,
  purpose text,
  size integer,
  job_id uuid,
  created_by_id uuid,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  taken_at timestamptz(3),
  CONSTRAINT segment_snapshots_pkey PRIMARY KEY (id)
);
CREATE INDEX segment_snapshots_segment_id_created_at_idx ON crm.segment_snapshots (segment_id, created_at);

CREATE TABLE crm.segment_snapshot_members (
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  snapshot_id uuid NOT NULL REFERENCES crm.segment_snapshots(id) ON DELETE CASCADE,
  lead_id uuid NOT NULL REFERENCES crm.leads(id) ON DELETE CASCADE,
  CONSTRAINT segment_snapshot_members_pkey PRIMARY KEY (snapshot_id, lead_id)
);
CREATE INDEX segment_snapshot_members_lead_id_idx ON crm.segment_snapshot_members (lead_id);

SELECT tenancy.isolate_tenant_table('crm.segment_snapshots');
SELECT tenancy.isolate_tenant_table('crm.segment_snapshot_members');
