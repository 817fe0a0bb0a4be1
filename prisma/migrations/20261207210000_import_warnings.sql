-- Up Migration
-- Imports lose nothing: a row whose lead is identifiable is kept even when some of its values are
-- not valid; those values are left out and listed, cell by cell, in a warnings report. Rows of the
-- same lead inside one file are merged into one write and counted as such, so that
-- created + updated + unchanged + merged + rejected = the rows read.
ALTER TABLE crm.lead_imports
  -- Rows kept with at least one value left out (they are also counted as created, updated, ...).
  ADD COLUMN warned_count integer NOT NULL DEFAULT 0,
  -- Values left out, over all rows (one line each in the warnings report).
  ADD COLUMN warning_cells integer NOT NULL DEFAULT 0,
  -- Rows merged into an earlier row of the same lead in the file.
  ADD COLUMN merged_count integer NOT NULL DEFAULT 0,
  ADD COLUMN warnings_key text,
  -- The first warnings, shown in the app without downloading the report.
  ADD COLUMN warning_samples jsonb NOT NULL DEFAULT '[]';
