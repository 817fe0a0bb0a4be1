-- Up Migration
-- The fields French marketing runs on: civility for "Bonjour Madame Lefèvre", an address for local
-- campaigns, and the date the lead was first created in the system it came from.

CREATE TYPE crm."Civility" AS ENUM ('mr', 'ms', 'other');

ALTER TABLE crm.leads
  ADD COLUMN civility crm."Civility",
  ADD COLUMN street_address text,
  ADD COLUMN postal_code text,
  ADD COLUMN city text,
  ADD COLUMN region text,
  -- ISO 3166-1 alpha-2, upper case; the workspace's default country when the source gives none.
  ADD COLUMN country char(2) CHECK (country ~ '^[A-Z]{2}$'),
  -- When the lead was created in its source system (an import's "date de création"); created_at
  -- stays the date it arrived here.
  ADD COLUMN source_created_at timestamptz(3);
