-- Up Migration
-- Initial data model for the whole product (generated from prisma/schema, then edited:
-- uuid_v7(), and analytics.events partitioned by month).

-- Time-ordered UUIDs (version 7) as column defaults: PostgreSQL 15 has no built-in one.
CREATE OR REPLACE FUNCTION public.uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "analytics";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "auth";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "campaigns";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "conversations";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "crm";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "entities";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "governance";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "tenancy";

-- CreateEnum
CREATE TYPE "auth"."Role" AS ENUM ('owner', 'admin', 'marketer', 'viewer');

-- CreateEnum
CREATE TYPE "campaigns"."CampaignStatus" AS ENUM ('draft', 'scheduled', 'running', 'paused', 'completed', 'archived');

-- CreateEnum
CREATE TYPE "campaigns"."Channel" AS ENUM ('email', 'sms', 'whatsapp', 'facebook', 'instagram', 'linkedin', 'x');

-- CreateEnum
CREATE TYPE "campaigns"."StepKind" AS ENUM ('message', 'wait', 'condition', 'split');

-- CreateEnum
CREATE TYPE "campaigns"."MessageStatus" AS ENUM ('queued', 'sending', 'sent', 'delivered', 'failed', 'bounced');

-- CreateEnum
CREATE TYPE "conversations"."Direction" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "conversations"."InboxStatus" AS ENUM ('open', 'read', 'archived');

-- CreateEnum
CREATE TYPE "crm"."LifecycleStage" AS ENUM ('subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other');

-- CreateEnum
CREATE TYPE "crm"."ConsentStatus" AS ENUM ('unknown', 'granted', 'denied');

-- CreateEnum
CREATE TYPE "crm"."SegmentKind" AS ENUM ('dynamic', 'static');

-- CreateEnum
CREATE TYPE "entities"."PropertyStatus" AS ENUM ('draft', 'available', 'under_offer', 'sold', 'rented', 'withdrawn');

-- CreateEnum
CREATE TYPE "entities"."MediaStatus" AS ENUM ('pending', 'ready', 'failed');

-- CreateEnum
CREATE TYPE "governance"."ActorType" AS ENUM ('user', 'api_key', 'system');

-- CreateEnum
CREATE TYPE "governance"."JobState" AS ENUM ('waiting', 'active', 'completed', 'failed');

-- CreateTable
CREATE TABLE "analytics"."events" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "lead_id" UUID,
    "anonymous_id" TEXT,
    "campaign_id" UUID,
    "channel_message_id" UUID,
    "source" TEXT,
    "properties" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "events_pkey" PRIMARY KEY ("id","occurred_at")
) PARTITION BY RANGE ("occurred_at");

-- CreateTable
CREATE TABLE "analytics"."social_metrics" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "network" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "post_external_id" TEXT NOT NULL DEFAULT '',
    "campaign_id" UUID,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "day" DATE NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "social_metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analytics"."roi_reports" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "campaign_id" UUID,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "spend_minor" BIGINT NOT NULL DEFAULT 0,
    "revenue_minor" BIGINT NOT NULL DEFAULT 0,
    "leads_count" INTEGER NOT NULL DEFAULT 0,
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "breakdown" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" UUID,
    "generated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roi_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."users" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "locale" TEXT,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."memberships" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "auth"."Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."refresh_tokens" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "user_agent" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."invitations" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "auth"."Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth"."password_reset_tokens" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns"."campaigns" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "campaigns"."CampaignStatus" NOT NULL DEFAULT 'draft',
    "objective" TEXT,
    "segment_id" UUID,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "budget_minor" BIGINT,
    "currency" CHAR(3),
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns"."campaign_steps" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "campaigns"."StepKind" NOT NULL,
    "channel" "campaigns"."Channel",
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "delay_minutes" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns"."channel_messages" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "campaign_id" UUID,
    "step_id" UUID,
    "lead_id" UUID,
    "channel" "campaigns"."Channel" NOT NULL,
    "provider" TEXT,
    "to_address" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT,
    "status" "campaigns"."MessageStatus" NOT NULL DEFAULT 'queued',
    "provider_message_id" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "clicked_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns"."schedules" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "cron" TEXT,
    "run_at" TIMESTAMPTZ(3),
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "next_run_at" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations"."inbox_messages" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "lead_id" UUID,
    "channel" TEXT NOT NULL,
    "direction" "conversations"."Direction" NOT NULL,
    "thread_key" TEXT NOT NULL,
    "from_address" TEXT,
    "to_address" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "status" "conversations"."InboxStatus" NOT NULL DEFAULT 'open',
    "provider_message_id" TEXT,
    "channel_message_id" UUID,
    "assigned_to_id" UUID,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations"."social_interactions" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "network" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "post_external_id" TEXT,
    "author_handle" TEXT,
    "author_name" TEXT,
    "lead_id" UUID,
    "content" TEXT,
    "sentiment" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "social_interactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."leads" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "email" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "phone" TEXT,
    "company" TEXT,
    "job_title" TEXT,
    "source" TEXT,
    "lifecycle_stage" "crm"."LifecycleStage" NOT NULL DEFAULT 'lead',
    "owner_id" UUID,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "custom_fields" JSONB NOT NULL DEFAULT '{}',
    "email_consent" "crm"."ConsentStatus" NOT NULL DEFAULT 'unknown',
    "email_consent_at" TIMESTAMPTZ(3),
    "email_consent_source" TEXT,
    "sms_consent" "crm"."ConsentStatus" NOT NULL DEFAULT 'unknown',
    "sms_consent_at" TIMESTAMPTZ(3),
    "sms_consent_source" TEXT,
    "whatsapp_consent" "crm"."ConsentStatus" NOT NULL DEFAULT 'unknown',
    "whatsapp_consent_at" TIMESTAMPTZ(3),
    "whatsapp_consent_source" TEXT,
    "language" TEXT,
    "timezone" TEXT,
    "score" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."lead_enrichment" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION,
    "enriched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_enrichment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."lead_scores" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "delta" INTEGER NOT NULL,
    "rule_id" UUID,
    "reason" TEXT NOT NULL,
    "explanation" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."segments" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "crm"."SegmentKind" NOT NULL DEFAULT 'dynamic',
    "rules" JSONB NOT NULL DEFAULT '{}',
    "lead_count" INTEGER,
    "counted_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entities"."products" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "price_minor" BIGINT,
    "currency" CHAR(3),
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entities"."properties" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "property_type" TEXT NOT NULL,
    "transaction_type" TEXT NOT NULL DEFAULT 'sale',
    "status" "entities"."PropertyStatus" NOT NULL DEFAULT 'draft',
    "address_line" TEXT,
    "postal_code" TEXT,
    "city" TEXT,
    "country" CHAR(2),
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "surface_m2" DECIMAL(10,2),
    "rooms" INTEGER,
    "bedrooms" INTEGER,
    "price_minor" BIGINT,
    "currency" CHAR(3),
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "properties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entities"."media_assets" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "original_name" TEXT,
    "size_bytes" BIGINT NOT NULL,
    "checksum" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "dominant_color" TEXT,
    "storage_key" TEXT NOT NULL,
    "variants" JSONB NOT NULL DEFAULT '[]',
    "status" "entities"."MediaStatus" NOT NULL DEFAULT 'pending',
    "product_id" UUID,
    "property_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "media_assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "governance"."api_keys_by_tenant" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_by_tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "governance"."model_usage" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost_micros" BIGINT NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "latency_ms" INTEGER,
    "actor_id" UUID,
    "request_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_usage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "governance"."audit_logs" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "tenant_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "governance"."ActorType" NOT NULL,
    "actor_id" UUID,
    "actor_label" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,
    "request_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "governance"."jobs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" "governance"."JobState" NOT NULL DEFAULT 'waiting',
    "progress" JSONB NOT NULL DEFAULT '0',
    "result" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenancy"."tenants" (
    "id" UUID NOT NULL DEFAULT public.uuid_v7(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "events_tenant_id_lead_id_type_occurred_at_idx" ON "analytics"."events"("tenant_id", "lead_id", "type", "occurred_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_type_occurred_at_idx" ON "analytics"."events"("tenant_id", "type", "occurred_at");

-- CreateIndex
CREATE INDEX "events_tenant_id_anonymous_id_idx" ON "analytics"."events"("tenant_id", "anonymous_id");

-- CreateIndex
CREATE UNIQUE INDEX "social_metrics_tenant_id_network_account_id_post_external_i_key" ON "analytics"."social_metrics"("tenant_id", "network", "account_id", "post_external_id", "metric", "day");

-- CreateIndex
CREATE INDEX "roi_reports_tenant_id_period_start_idx" ON "analytics"."roi_reports"("tenant_id", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "auth"."users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "auth"."memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_tenant_id_user_id_key" ON "auth"."memberships"("tenant_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "auth"."refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_family_id_idx" ON "auth"."refresh_tokens"("family_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_user_id_idx" ON "auth"."refresh_tokens"("user_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_expires_at_idx" ON "auth"."refresh_tokens"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "auth"."invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_tenant_id_created_at_idx" ON "auth"."invitations"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_token_hash_key" ON "auth"."password_reset_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "password_reset_tokens_user_id_idx" ON "auth"."password_reset_tokens"("user_id");

-- CreateIndex
CREATE INDEX "password_reset_tokens_expires_at_idx" ON "auth"."password_reset_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "campaigns_tenant_id_created_at_idx" ON "campaigns"."campaigns"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "campaigns_tenant_id_status_idx" ON "campaigns"."campaigns"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "campaign_steps_tenant_id_idx" ON "campaigns"."campaign_steps"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_steps_campaign_id_position_key" ON "campaigns"."campaign_steps"("campaign_id", "position");

-- CreateIndex
CREATE INDEX "channel_messages_tenant_id_campaign_id_status_idx" ON "campaigns"."channel_messages"("tenant_id", "campaign_id", "status");

-- CreateIndex
CREATE INDEX "channel_messages_tenant_id_lead_id_idx" ON "campaigns"."channel_messages"("tenant_id", "lead_id");

-- CreateIndex
CREATE INDEX "channel_messages_provider_message_id_idx" ON "campaigns"."channel_messages"("provider_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "channel_messages_step_id_lead_id_key" ON "campaigns"."channel_messages"("step_id", "lead_id");

-- CreateIndex
CREATE INDEX "schedules_next_run_at_idx" ON "campaigns"."schedules"("next_run_at");

-- CreateIndex
CREATE INDEX "schedules_tenant_id_campaign_id_idx" ON "campaigns"."schedules"("tenant_id", "campaign_id");

-- CreateIndex
CREATE INDEX "inbox_messages_tenant_id_thread_key_received_at_idx" ON "conversations"."inbox_messages"("tenant_id", "thread_key", "received_at");

-- CreateIndex
CREATE INDEX "inbox_messages_tenant_id_status_received_at_idx" ON "conversations"."inbox_messages"("tenant_id", "status", "received_at");

-- CreateIndex
CREATE INDEX "inbox_messages_tenant_id_lead_id_idx" ON "conversations"."inbox_messages"("tenant_id", "lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_messages_tenant_id_channel_provider_message_id_key" ON "conversations"."inbox_messages"("tenant_id", "channel", "provider_message_id");

-- CreateIndex
CREATE INDEX "social_interactions_tenant_id_occurred_at_idx" ON "conversations"."social_interactions"("tenant_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "social_interactions_tenant_id_network_external_id_key" ON "conversations"."social_interactions"("tenant_id", "network", "external_id");

-- CreateIndex
CREATE INDEX "leads_tenant_id_created_at_id_idx" ON "crm"."leads"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_tenant_id_phone_idx" ON "crm"."leads"("tenant_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "leads_tenant_id_email_key" ON "crm"."leads"("tenant_id", "email");

-- CreateIndex
CREATE INDEX "lead_enrichment_tenant_id_lead_id_idx" ON "crm"."lead_enrichment"("tenant_id", "lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "lead_enrichment_lead_id_field_source_key" ON "crm"."lead_enrichment"("lead_id", "field", "source");

-- CreateIndex
CREATE INDEX "lead_scores_tenant_id_lead_id_created_at_idx" ON "crm"."lead_scores"("tenant_id", "lead_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "segments_tenant_id_name_key" ON "crm"."segments"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "products_tenant_id_sku_key" ON "entities"."products"("tenant_id", "sku");

-- CreateIndex
CREATE INDEX "properties_tenant_id_city_idx" ON "entities"."properties"("tenant_id", "city");

-- CreateIndex
CREATE UNIQUE INDEX "properties_tenant_id_reference_key" ON "entities"."properties"("tenant_id", "reference");

-- CreateIndex
CREATE INDEX "media_assets_tenant_id_created_at_idx" ON "entities"."media_assets"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "media_assets_product_id_idx" ON "entities"."media_assets"("product_id");

-- CreateIndex
CREATE INDEX "media_assets_property_id_idx" ON "entities"."media_assets"("property_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_by_tenant_key_hash_key" ON "governance"."api_keys_by_tenant"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_by_tenant_tenant_id_created_at_idx" ON "governance"."api_keys_by_tenant"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "model_usage_tenant_id_created_at_idx" ON "governance"."model_usage"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_tenant_id_occurred_at_id_idx" ON "governance"."audit_logs"("tenant_id", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_tenant_id_entity_type_entity_id_idx" ON "governance"."audit_logs"("tenant_id", "entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_logs_tenant_id_action_idx" ON "governance"."audit_logs"("tenant_id", "action");

-- CreateIndex
CREATE INDEX "audit_logs_occurred_at_idx" ON "governance"."audit_logs"("occurred_at");

-- CreateIndex
CREATE INDEX "jobs_tenant_id_created_at_idx" ON "governance"."jobs"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenancy"."tenants"("slug");

-- AddForeignKey
ALTER TABLE "auth"."memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenancy"."tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth"."memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth"."password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns"."campaign_steps" ADD CONSTRAINT "campaign_steps_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"."campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns"."channel_messages" ADD CONSTRAINT "channel_messages_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "campaigns"."campaign_steps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns"."schedules" ADD CONSTRAINT "schedules_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"."campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."lead_enrichment" ADD CONSTRAINT "lead_enrichment_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "crm"."leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."lead_scores" ADD CONSTRAINT "lead_scores_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "crm"."leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entities"."media_assets" ADD CONSTRAINT "media_assets_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "entities"."products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entities"."media_assets" ADD CONSTRAINT "media_assets_property_id_fkey" FOREIGN KEY ("property_id") REFERENCES "entities"."properties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Monthly partitions of analytics.events: a default partition catches anything outside the
-- created range; the worker keeps months ahead created (analytics.ensure_event_partitions).
CREATE TABLE "analytics"."events_default" PARTITION OF "analytics"."events" DEFAULT;

CREATE OR REPLACE FUNCTION analytics.ensure_event_partitions(months_back int, months_ahead int) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  m date;
  created int := 0;
  part text;
BEGIN
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

SELECT analytics.ensure_event_partitions(1, 12);
