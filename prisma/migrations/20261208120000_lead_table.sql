-- Up Migration
-- The leads table marketers expect: sorting by name, company and city at any size, and saved views.

-- Sorting. Names sort as people read them (the ICU root collation: "Élodie" among the Es, "de
-- Gaulle" among the Ds, whatever the database's own collation), and each order a marketer clicks
-- on a big list is one index range: (tenant, value, id) gives the first page, and every next one
-- from its keyset cursor, without sorting the tenant's leads. Score and creation date had theirs;
-- email's order is served by the (tenant_id, email) unique index.
CREATE INDEX leads_tenant_id_last_name_id_idx ON crm.leads (tenant_id, last_name COLLATE "und-x-icu", id);
CREATE INDEX leads_tenant_id_company_id_idx ON crm.leads (tenant_id, company COLLATE "und-x-icu", id);
CREATE INDEX leads_tenant_id_city_id_idx ON crm.leads (tenant_id, city COLLATE "und-x-icu", id);

-- Saved views of the lead list: filters (search text, the list's filters and a segment rule tree),
-- columns and sort. Each belongs to the member who saved it; shared ones are seen by the whole
-- workspace, changed only by their owner or an admin (the service decides; RLS keeps tenants apart).
CREATE TABLE crm.lead_views (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  owner_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  name text NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  q text,
  -- The list's simple filters (stages, source, tag, consent, trash) as GET /leads names them.
  criteria jsonb NOT NULL DEFAULT '{}',
  -- A segment rule tree (GET /leads?filter=), or null.
  filter jsonb,
  columns text[] NOT NULL DEFAULT '{}',
  sort text NOT NULL DEFAULT '-createdAt',
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT lead_views_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX lead_views_tenant_id_owner_id_name_key ON crm.lead_views (tenant_id, owner_id, name);
SELECT tenancy.isolate_tenant_table('crm.lead_views');
