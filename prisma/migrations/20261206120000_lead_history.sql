-- Up Migration
-- A lead's history: who created it, who changed what (from → to), merges and their undo.
--
-- Who: every transaction the application opens sets `lynara.actor` (set_config(..., true), next to
-- app.tenant_id) to 'member:<id>:<name>', 'api_key:<id>:<name>', 'import:<id>:<file name>' or
-- 'system:<job>'. The label rides along so the history reads "Claire a modifié…" without looking
-- people up, and keeps the name the actor had at the time (as the audit log does).

-- Creation costs nothing more than a column default: an import of a million rows writes no history
-- row per insert. Added without a default first, so existing leads keep NULL (creator unknown) and
-- the table is not rewritten; the default applies to leads created from now on.
ALTER TABLE crm.leads
  ADD COLUMN created_by text,
  -- A merge keeps the other lead's email and phone as secondary ones rather than dropping them.
  ADD COLUMN other_emails text[] NOT NULL DEFAULT '{}',
  ADD COLUMN other_phones text[] NOT NULL DEFAULT '{}';
ALTER TABLE crm.leads ALTER COLUMN created_by SET DEFAULT nullif(current_setting('lynara.actor', true), '');

-- One row per changed lead per statement, {field: [from, to]} of the fields a person sees.
-- search_text, updated_at, score (it has its own history), merged_into_id are not among them.
CREATE TABLE crm.lead_changes (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  lead_id uuid NOT NULL REFERENCES crm.leads(id) ON DELETE CASCADE,
  actor text,
  changes jsonb NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT lead_changes_pkey PRIMARY KEY (id)
);
CREATE INDEX lead_changes_tenant_id_lead_id_created_at_idx ON crm.lead_changes (tenant_id, lead_id, created_at DESC, id DESC);
SELECT tenancy.isolate_tenant_table('crm.lead_changes');

-- A statement trigger with transition tables rather than code in each writer: the API, bulk
-- actions, imports (INSERT … ON CONFLICT DO UPDATE fires it with the rows it updated), enrichment
-- and merges are all covered, with one set-based INSERT per statement. Transition tables cannot be
-- combined with a column list (UPDATE OF …), so it also runs for score-only updates; the row
-- comparison below drops those before any JSON is built.
-- SECURITY DEFINER: the runtime role may read history but not write it (it has SELECT only on
-- crm.lead_changes); the owner's insert still passes the tenant policy, app.tenant_id being set.
CREATE FUNCTION crm.record_lead_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO crm.lead_changes (tenant_id, lead_id, actor, changes, created_at)
  SELECT n.tenant_id, n.id, nullif(current_setting('lynara.actor', true), ''), d.changes, now()
    FROM changed_new n
    JOIN changed_old o ON o.id = n.id
    CROSS JOIN LATERAL (
      SELECT jsonb_object_agg(v.field, jsonb_build_array(v.before, v.after)) AS changes
        FROM (VALUES
          ('email', to_jsonb(o.email), to_jsonb(n.email)),
          ('firstName', to_jsonb(o.first_name), to_jsonb(n.first_name)),
          ('lastName', to_jsonb(o.last_name), to_jsonb(n.last_name)),
          ('phone', to_jsonb(o.phone), to_jsonb(n.phone)),
          ('company', to_jsonb(o.company), to_jsonb(n.company)),
          ('jobTitle', to_jsonb(o.job_title), to_jsonb(n.job_title)),
          ('civility', to_jsonb(o.civility), to_jsonb(n.civility)),
          ('streetAddress', to_jsonb(o.street_address), to_jsonb(n.street_address)),
          ('postalCode', to_jsonb(o.postal_code), to_jsonb(n.postal_code)),
          ('city', to_jsonb(o.city), to_jsonb(n.city)),
          ('region', to_jsonb(o.region), to_jsonb(n.region)),
          ('country', to_jsonb(o.country), to_jsonb(n.country)),
          ('sourceCreatedAt', to_jsonb(o.source_created_at), to_jsonb(n.source_created_at)),
          ('source', to_jsonb(o.source), to_jsonb(n.source)),
          ('lifecycleStage', to_jsonb(o.lifecycle_stage), to_jsonb(n.lifecycle_stage)),
          ('ownerId', to_jsonb(o.owner_id), to_jsonb(n.owner_id)),
          ('tags', to_jsonb(o.tags), to_jsonb(n.tags)),
          ('customFields', o.custom_fields, n.custom_fields),
          ('emailConsent', jsonb_build_object('status', o.email_consent, 'source', o.email_consent_source),
                           jsonb_build_object('status', n.email_consent, 'source', n.email_consent_source)),
          ('smsConsent', jsonb_build_object('status', o.sms_consent, 'source', o.sms_consent_source),
                         jsonb_build_object('status', n.sms_consent, 'source', n.sms_consent_source)),
          ('whatsappConsent', jsonb_build_object('status', o.whatsapp_consent, 'source', o.whatsapp_consent_source),
                              jsonb_build_object('status', n.whatsapp_consent, 'source', n.whatsapp_consent_source)),
          ('language', to_jsonb(o.language), to_jsonb(n.language)),
          ('timezone', to_jsonb(o.timezone), to_jsonb(n.timezone)),
          ('otherEmails', to_jsonb(o.other_emails), to_jsonb(n.other_emails)),
          ('otherPhones', to_jsonb(o.other_phones), to_jsonb(n.other_phones)),
          ('deletedAt', to_jsonb(o.deleted_at), to_jsonb(n.deleted_at))
        ) AS v(field, before, after)
       WHERE v.before IS DISTINCT FROM v.after
    ) d
   WHERE (o.email, o.first_name, o.last_name, o.phone, o.company, o.job_title, o.civility, o.street_address, o.postal_code,
          o.city, o.region, o.country, o.source_created_at, o.source, o.lifecycle_stage, o.owner_id, o.tags, o.custom_fields,
          o.email_consent, o.email_consent_source, o.sms_consent, o.sms_consent_source, o.whatsapp_consent, o.whatsapp_consent_source,
          o.language, o.timezone, o.other_emails, o.other_phones, o.deleted_at)
         IS DISTINCT FROM
         (n.email, n.first_name, n.last_name, n.phone, n.company, n.job_title, n.civility, n.street_address, n.postal_code,
          n.city, n.region, n.country, n.source_created_at, n.source, n.lifecycle_stage, n.owner_id, n.tags, n.custom_fields,
          n.email_consent, n.email_consent_source, n.sms_consent, n.sms_consent_source, n.whatsapp_consent, n.whatsapp_consent_source,
          n.language, n.timezone, n.other_emails, n.other_phones, n.deleted_at);
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION crm.record_lead_changes() FROM PUBLIC;

CREATE TRIGGER leads_record_changes AFTER UPDATE ON crm.leads
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION crm.record_lead_changes();

-- A merge's receipt: what the merge changed and moved, so it can be undone exactly once.
-- winner_before: the surviving lead's fields before the merge (those the merge may change);
-- losers: [{id, before}] the merged leads' own fields before; moved: {history kind: [row ids]}.
CREATE TABLE crm.lead_merges (
  id uuid NOT NULL DEFAULT public.uuid_v7(),
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  winner_id uuid NOT NULL REFERENCES crm.leads(id) ON DELETE CASCADE,
  loser_ids uuid[] NOT NULL,
  winner_before jsonb NOT NULL,
  losers jsonb NOT NULL,
  moved jsonb NOT NULL,
  choices jsonb NOT NULL DEFAULT '{}',
  actor text,
  created_at timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  undone_at timestamptz(3),
  undone_by text,
  CONSTRAINT lead_merges_pkey PRIMARY KEY (id)
);
CREATE INDEX lead_merges_tenant_id_winner_id_created_at_idx ON crm.lead_merges (tenant_id, winner_id, created_at DESC, id DESC);
SELECT tenancy.isolate_tenant_table('crm.lead_merges');
