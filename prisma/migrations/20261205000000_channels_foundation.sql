-- Up Migration
-- The channels module's own schema, and its central table: one row per message to one
-- recipient, whatever the channel. campaigns.channel_messages (from the first migration) was
-- never written by any code; it is replaced here by channels.channel_messages, shaped for the
-- dispatcher (claims, retries, reasons), exactly-once campaign sends, tracking and statistics.

CREATE SCHEMA IF NOT EXISTS channels;

DROP TABLE campaigns.channel_messages;
DROP TYPE campaigns."MessageStatus";

CREATE TYPE channels.channel AS ENUM ('email', 'sms', 'whatsapp', 'facebook', 'instagram', 'linkedin', 'x');
CREATE TYPE channels.message_kind AS ENUM ('campaign', 'transactional', 'test');
CREATE TYPE channels.message_status AS ENUM ('queued', 'sending', 'sent', 'failed', 'suppressed', 'cancelled');

CREATE TABLE channels.channel_messages (
  id uuid NOT NULL DEFAULT public.uuid_v7() PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenancy.tenants(id) ON DELETE CASCADE,
  kind channels.message_kind NOT NULL,
  channel channels.channel NOT NULL,
  -- A campaign message belongs to one run, step and lead (and A/B variant when any).
  campaign_id uuid,
  run_id uuid,
  step_id uuid,
  lead_id uuid,
  variant text,
  sender_id uuid,
  to_address text NOT NULL,
  status channels.message_status NOT NULL DEFAULT 'queued',
  -- Why a message failed, was suppressed or cancelled, e.g. `smtp_550: mailbox unavailable`.
  status_reason text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  claimed_at timestamptz(3),
  claimed_by text,
  provider text,
  provider_message_id text,
  -- Counted by per-lead frequency caps (marketing sends; not transactional ones).
  counts_toward_cap boolean NOT NULL DEFAULT true,
  -- What to send when it is not rendered from a campaign step at send time (transactional, test).
  payload jsonb,
  sent_at timestamptz(3),
  delivered_at timestamptz(3),
  failed_at timestamptz(3),
  first_open_at timestamptz(3),
  first_human_open_at timestamptz(3),
  first_click_at timestamptz(3),
  first_human_click_at timestamptz(3),
  unsubscribed_at timestamptz(3),
  bounced_at timestamptz(3),
  complained_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT channel_messages_campaign_refs CHECK (kind <> 'campaign' OR (campaign_id IS NOT NULL AND run_id IS NOT NULL AND step_id IS NOT NULL AND lead_id IS NOT NULL))
);

-- Exactly one message per (run, step, lead) of a campaign: replaying a journey step is a no-op.
CREATE UNIQUE INDEX channel_messages_campaign_once ON channels.channel_messages (tenant_id, run_id, step_id, lead_id) WHERE kind = 'campaign';
-- The dispatcher's claim: due queued messages, oldest first.
CREATE INDEX channel_messages_due ON channels.channel_messages (next_attempt_at) WHERE status = 'queued';
-- Messages left `sending` by a worker that died (lease recovery).
CREATE INDEX channel_messages_sending ON channels.channel_messages (claimed_at) WHERE status = 'sending';
-- A lead's messages: timeline, merges, frequency caps.
CREATE INDEX channel_messages_lead ON channels.channel_messages (tenant_id, lead_id, sent_at);
-- Statistics and progress per campaign, step and variant.
CREATE INDEX channel_messages_campaign ON channels.channel_messages (tenant_id, campaign_id, step_id, variant, status);
CREATE INDEX channel_messages_provider_id ON channels.channel_messages (tenant_id, provider_message_id) WHERE provider_message_id IS NOT NULL;

SELECT tenancy.isolate_tenant_table('channels.channel_messages');
