-- Up Migration
-- Lead imports resume where they stopped: each batch commits, in the same transaction as its
-- rows, the last CSV line it covers and the running created/updated/unchanged counts. A job
-- restarted after a crash (BullMQ hands a stalled job to another worker) re-reads the file to
-- rebuild the rejected-rows report but writes only the rows after this line, so its final
-- counts are those of one uninterrupted run.
ALTER TABLE crm.lead_imports ADD COLUMN resume_line integer NOT NULL DEFAULT 0;
