-- Up Migration
-- Email through the channels module: each workspace's SMTP senders (credentials and DKIM key
-- sealed with the secret box), the suppression list checked before every send, idempotent
-- transactional sends; and the campaigns module's MJML email templates.

CREATE TYPE channels.smtp_security AS ENUM ('none', 'starttls', 'tls');
CREATE TYPE channels.suppression_reason AS ENUM ('unsubscribe', 'bounce', 'complaint', 'manual');

CREATE TABLE channels.senders (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  from_name text,
  from_address text NOT NULL,
  reply_to text,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  security channels.smtp_security NOT NULL,
  username text,
  -- SecretBox-sealed (purpose smtp-password, context tenant:sender), never returned by the API.
  password_sealed text,
  -- Stored for the dispatcher, which shares them between every worker.
  rate_per_second integer CHECK (rate_per_second > 0),
  rate_per_hour integer CHECK (rate_per_hour > 0),
  dkim_domain text,
  dkim_selector text,
  -- SecretBox-sealed PKCS#8 PEM (purpose dkim-key); the public half is what the DNS record publishes.
  dkim_private_key_sealed text,
  dkim_public_key text,
  is_default boolean NOT NULL DEFAULT false,
  -- Bumped on every change: pooled transports are cached per (sender, version).
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT senders_dkim_complete CHECK ((dkim_domain IS NULL) = (dkim_selector IS NULL) AND (dkim_domain IS NULL) = (dkim_private_key_sealed IS NULL))
);
CREATE UNIQUE INDEX senders_name ON channels.senders (tenant_id, lower(name));
-- At most one default sender per workspace.
CREATE UNIQUE INDEX senders_default ON channels.senders (tenant_id) WHERE is_default;
SELECT tenancy.isolate_tenant_table('channels.senders');

CREATE TABLE channels.suppressions (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  channel channels.channel NOT NULL,
  -- Email addresses lower-cased.
  address text NOT NULL,
  reason channels.suppression_reason NOT NULL,
  source_message_id uuid,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX suppressions_address ON channels.suppressions (tenant_id, channel, address);
SELECT tenancy.isolate_tenant_table('channels.suppressions');

-- Transactional sends carry the integrator's Idempotency-Key and a hash of the request body: the
-- same key answers the first message, a different body under it is refused.
ALTER TABLE channels.channel_messages
  ADD COLUMN idempotency_key text,
  ADD COLUMN request_hash text;
CREATE UNIQUE INDEX channel_messages_idempotency ON channels.channel_messages (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE campaigns.email_templates (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  subject text NOT NULL,
  preheader text,
  mjml text NOT NULL,
  -- The plain-text part as written; generated from the HTML when null.
  text_body text,
  -- GrapesJS's project data, so the visual editor reopens exactly what was built.
  editor_project jsonb,
  updated_by uuid,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX email_templates_list ON campaigns.email_templates (tenant_id, updated_at DESC, id DESC);
SELECT tenancy.isolate_tenant_table('campaigns.email_templates');
