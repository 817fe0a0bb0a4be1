-- Up Migration
-- GET /leads filters on country and postal code (prefix: "42" is the Loire). Measured at 1M leads
-- of one tenant, as the runtime role: a common value is found in ~8 ms by walking the
-- (tenant_id, created_at) index, but a value few or no leads have scans the whole tenant
-- (country DE: 0.9 s, postal code 00…: 1.7 s); with these indexes both take ~2 ms.
-- text_pattern_ops serves `postal_code LIKE '42%'` (LIKE is leakproof here, see
-- 20261204110000_folded_search.sql) and equality alike.
-- Not indexed: city (compared folded, and crm.fold() is not leakproof, so row-level security keeps
-- an expression index from being used) and civility (three values).
CREATE INDEX leads_tenant_id_country_idx ON crm.leads (tenant_id, country);
CREATE INDEX leads_tenant_id_postal_code_idx ON crm.leads (tenant_id, postal_code text_pattern_ops);
