-- Up Migration
-- The maintenance functions are SECURITY DEFINER (they delete what the runtime role may not,
-- e.g. append-only audit rows) and the runtime role calls them, so anyone holding that role
-- (a SQL injection, a stolen connection string) could call them with any argument: a negative
-- retention deleted live refresh tokens, another tenant's id deleted that tenant's audit log.
-- Now each checks its arguments, and those that touch tenant data act on the current tenant
-- (app.tenant_id) only. Which functions the runtime role may execute at all is decided by the
-- migrate command (RUNTIME_FUNCTIONS in src/infra/database/migrator.ts).

-- Retentions are checked on the cutoff they produce, not on the interval: intervals compare a
-- month as 30 days, so '1 mon -29 days' passes "at least a day" yet, counted from a date after
-- February, ends in the future.
CREATE FUNCTION tenancy.check_retention(p_keep interval, p_what text) RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  cutoff timestamptz := now() - p_keep;
BEGIN
  IF cutoff IS NULL OR cutoff > now() - interval '1 day' THEN
    RAISE EXCEPTION '% must keep at least one day, not %', p_what, coalesce(p_keep::text, 'NULL') USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN cutoff;
END
$$;
REVOKE EXECUTE ON FUNCTION tenancy.check_retention(interval, text) FROM PUBLIC;

-- Audit retention: the current tenant's entries only, at least a day old.
DROP FUNCTION governance.purge_audit_logs(uuid, interval);
CREATE FUNCTION governance.purge_audit_logs(p_older_than interval) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  tenant uuid := tenancy.current_tenant_id();
  cutoff timestamptz := tenancy.check_retention(p_older_than, 'audit retention');
  n bigint;
BEGIN
  IF tenant IS NULL THEN
    RAISE EXCEPTION 'audit retention runs for the current tenant: set app.tenant_id' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM governance.audit_logs WHERE tenant_id = tenant AND occurred_at < cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
REVOKE EXECUTE ON FUNCTION governance.purge_audit_logs(interval) FROM PUBLIC;

-- Tokens, reset links and invitations expired (or revoked) at least a day ago. It spans
-- tenants: password reset tokens belong to a person, not a tenant, and what it deletes no
-- longer opens anything; the check keeps it from reaching a live token.
CREATE OR REPLACE FUNCTION auth.purge_expired_tokens(p_keep interval) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  cutoff timestamptz := tenancy.check_retention(p_keep, 'token retention');
  n bigint := 0;
  k bigint;
BEGIN
  DELETE FROM auth.refresh_tokens WHERE expires_at < cutoff OR (revoked_at IS NOT NULL AND revoked_at < cutoff);
  GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
  DELETE FROM auth.password_reset_tokens WHERE expires_at < cutoff;
  GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
  DELETE FROM auth.invitations WHERE expires_at < cutoff;
  GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
  RETURN n;
END
$$;

-- Partitions are shared by all tenants; the bounds stop a caller creating thousands of tables.
CREATE OR REPLACE FUNCTION analytics.ensure_event_partitions(months_back int, months_ahead int) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  m date;
  created int := 0;
  part text;
BEGIN
  IF months_back IS NULL OR months_ahead IS NULL OR months_back NOT BETWEEN 0 AND 12 OR months_ahead NOT BETWEEN 0 AND 24 THEN
    RAISE EXCEPTION 'event partitions: months_back must be 0 to 12 and months_ahead 0 to 24, not % and %', months_back, months_ahead
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN -months_back..months_ahead LOOP
    m := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i))::date;
    part := format('events_%s', to_char(m, 'YYYY_MM'));
    IF to_regclass(format('analytics.%I', part)) IS NULL THEN
      EXECUTE format('CREATE TABLE analytics.%I PARTITION OF analytics.events FOR VALUES FROM (%L) TO (%L)',
                     part, m::timestamptz, (m + interval '1 month')::timestamptz);
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END
$$;

-- Lead import files are deleted by the worker's retention job (ImportFileRetentionService): the
-- uploaded CSV some days after the import finished, or after the upload when it was never
-- started (then marked expired, and it can no longer be started); the rejected-rows report
-- later. These record when, so the app can say the file is gone rather than fail to find it.
ALTER TYPE crm."ImportStatus" ADD VALUE 'expired';
ALTER TABLE crm.lead_imports ADD COLUMN file_deleted_at timestamptz(3);
ALTER TABLE crm.lead_imports ADD COLUMN report_deleted_at timestamptz(3);
