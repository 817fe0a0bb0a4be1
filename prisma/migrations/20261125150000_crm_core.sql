-- Up Migration
-- CRM core: lead search, custom field definitions, notes, merge tracking.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- The text a lead is found by (name, email, company, phone), as one immutable expression so a
-- trigram index can serve ILIKE '%…%' searches. Chosen deliberately: one GIN index over one
-- expression costs far less at import than one per column.
CREATE OR REPLACE FUNCTION crm.lead_search_text(first_name text, last_name text, email text, company text, phone text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(concat_ws(' ', first_name, last_name, email, company, phone))
$$;

CREATE INDEX leads_search_trgm_idx ON crm.leads
  USING gin (crm.lead_search_text(first_name, last_name, email, company, phone) public.gin_trgm_ops);
-- Hot leads first is the other common order; every further index slows imports, so sorting by
-- other columns is served by the tenant index plus a sort of the filtered rows.
CREATE INDEX leads_tenant_id_score_id_idx ON crm.leads (tenant_id, score DESC, id DESC);

ALTER TABLE crm.leads ADD COLUMN merged_into_id uuid;

CREATE TYPE crm."CustomFieldType" AS ENUM ('text', 'number', 'date', 'boolean', 'select');

CREATE TABLE crm.custom_field_definitions (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  key text NOT NULL,
  label text NOT NULL,
  type crm."CustomFieldType" NOT NULL,
  options text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT custom_field_definitions_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX custom_field_definitions_tenant_id_key_key ON crm.custom_field_definitions (tenant_id, key);

CREATE TABLE crm.lead_notes (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  lead_id uuid NOT NULL REFERENCES crm.leads(id) ON DELETE CASCADE,
  author_id uuid,
  body text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT lead_notes_pkey PRIMARY KEY (id)
);
CREATE INDEX lead_notes_tenant_id_lead_id_created_at_idx ON crm.lead_notes (tenant_id, lead_id, created_at);

SELECT tenancy.isolate_tenant_table('crm.custom_field_definitions');
SELECT tenancy.isolate_tenant_table('crm.lead_notes');
