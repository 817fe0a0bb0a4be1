-- Up Migration
-- Tenant isolation enforced by PostgreSQL: row-level security, enabled AND forced, on every
-- tenant-owned table. The runtime role (created by the migrate command, see
-- src/infra/database/migrator.ts) is not superuser, has no BYPASSRLS and owns nothing.
-- The application sets app.tenant_id (and app.user_id for a person's own rows) per
-- transaction with set_config(..., true); with nothing set, no tenant row is visible.

CREATE OR REPLACE FUNCTION tenancy.current_tenant_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE OR REPLACE FUNCTION tenancy.current_user_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

-- Tenants: a tenant sees itself; a signed-in person also sees the tenants they belong to
-- (tenant switcher). Rows are only created/changed with their own id as the current tenant.
ALTER TABLE tenancy.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenancy.tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenancy.tenants
  USING (id = tenancy.current_tenant_id()
         OR id IN (SELECT m.tenant_id FROM auth.memberships m WHERE m.user_id = tenancy.current_user_id()))
  WITH CHECK (id = tenancy.current_tenant_id());

-- Memberships and refresh tokens: also readable by the person they belong to, across tenants.
ALTER TABLE auth.memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON auth.memberships
  USING (tenant_id = tenancy.current_tenant_id() OR user_id = tenancy.current_user_id())
  WITH CHECK (tenant_id = tenancy.current_tenant_id());

ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON auth.refresh_tokens
  USING (tenant_id = tenancy.current_tenant_id() OR user_id = tenancy.current_user_id())
  WITH CHECK (tenant_id = tenancy.current_tenant_id() OR user_id = tenancy.current_user_id());

-- Every other tenant-owned table: strictly its tenant's rows. Later migrations call this for
-- each table they add, so no tenant table can be created without its policy.
CREATE OR REPLACE FUNCTION tenancy.isolate_tenant_table(t regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = tenancy.current_tenant_id()) '
                 'WITH CHECK (tenant_id = tenancy.current_tenant_id())', t);
END
$$;
REVOKE EXECUTE ON FUNCTION tenancy.isolate_tenant_table(regclass) FROM PUBLIC;

-- ...plus a foreign key to the tenant, so deleting a tenant removes its data.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'auth.invitations',
    'governance.api_keys_by_tenant', 'governance.model_usage', 'governance.audit_logs', 'governance.jobs',
    'crm.leads', 'crm.lead_enrichment', 'crm.lead_scores', 'crm.segments',
    'entities.products', 'entities.properties', 'entities.media_assets',
    'campaigns.campaigns', 'campaigns.campaign_steps', 'campaigns.channel_messages', 'campaigns.schedules',
    'conversations.inbox_messages', 'conversations.social_interactions',
    'analytics.events', 'analytics.social_metrics', 'analytics.roi_reports'
  ] LOOP
    PERFORM tenancy.isolate_tenant_table(t::regclass);
    -- events is partitioned and written in bulk: tenants are never deleted from under it in
    -- normal operation, and the FK would tax every insert.
    IF t <> 'analytics.events' THEN
      EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I FOREIGN KEY (tenant_id) REFERENCES tenancy.tenants(id) ON DELETE CASCADE',
                     t, split_part(t, '.', 2) || '_tenant_id_fkey');
    END IF;
  END LOOP;
END
$$;

ALTER TABLE auth.refresh_tokens ADD CONSTRAINT refresh_tokens_tenant_id_fkey
  FOREIGN KEY (tenant_id) REFERENCES tenancy.tenants(id) ON DELETE CASCADE;

-- Narrow doors through RLS, owned by the migration (owner) role. Each answers one question that
-- must be asked before a tenant is known, from a secret only its holder has, and returns just
-- the tenant id; the caller then reads the row itself under that tenant's policy.
CREATE OR REPLACE FUNCTION governance.tenant_of_api_key(p_key_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT tenant_id FROM governance.api_keys_by_tenant WHERE key_hash = p_key_hash
$$;

CREATE OR REPLACE FUNCTION auth.tenant_of_refresh_token(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT tenant_id FROM auth.refresh_tokens WHERE token_hash = p_token_hash
$$;

CREATE OR REPLACE FUNCTION auth.tenant_of_invitation(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT tenant_id FROM auth.invitations WHERE token_hash = p_token_hash
$$;

-- Maintenance that spans tenants by nature (run by worker jobs).
CREATE OR REPLACE FUNCTION auth.purge_expired_tokens(p_keep interval) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n bigint := 0;
  k bigint;
BEGIN
  DELETE FROM auth.refresh_tokens WHERE expires_at < now() - p_keep
     OR (revoked_at IS NOT NULL AND revoked_at < now() - p_keep);
  GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
  DELETE FROM auth.password_reset_tokens WHERE expires_at < now() - p_keep;
  GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
  DELETE FROM auth.invitations WHERE expires_at < now() - p_keep;
  GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
  RETURN n;
END
$$;

-- Audit logs are append-only for the runtime role; retention is the one way rows leave.
CREATE OR REPLACE FUNCTION governance.purge_audit_logs(p_tenant uuid, p_older_than interval) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM governance.audit_logs WHERE tenant_id = p_tenant AND occurred_at < now() - p_older_than;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;

ALTER FUNCTION analytics.ensure_event_partitions(int, int) SECURITY DEFINER;
ALTER FUNCTION analytics.ensure_event_partitions(int, int) SET search_path = pg_catalog, pg_temp;

REVOKE EXECUTE ON FUNCTION governance.tenant_of_api_key(text), auth.tenant_of_refresh_token(text),
  auth.tenant_of_invitation(text), auth.purge_expired_tokens(interval), governance.purge_audit_logs(uuid, interval),
  analytics.ensure_event_partitions(int, int) FROM PUBLIC;

-- Registration picks a readable unique slug for the new tenant without seeing other tenants.
CREATE OR REPLACE FUNCTION tenancy.slug_taken(p_slug text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM tenancy.tenants WHERE slug = p_slug)
$$;
REVOKE EXECUTE ON FUNCTION tenancy.slug_taken(text) FROM PUBLIC;

-- Crons that run per tenant need the list of tenants (ids only).
CREATE OR REPLACE FUNCTION tenancy.all_tenant_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT id FROM tenancy.tenants ORDER BY id
$$;
REVOKE EXECUTE ON FUNCTION tenancy.all_tenant_ids() FROM PUBLIC;
