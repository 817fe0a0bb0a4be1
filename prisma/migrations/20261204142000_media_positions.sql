-- Up Migration
-- The order of a product's or a listing's photos, chosen by people: each link of a media asset
-- has its place in that owner's gallery (0 first; the first image is the main photo, the
-- thumbnail in tables). An asset may be linked to a product and to a listing, so each link has its
-- own position. Existing galleries keep the photo they showed first: newest first, as before.
ALTER TABLE entities.media_assets ADD COLUMN product_position integer, ADD COLUMN property_position integer;

UPDATE entities.media_assets m SET product_position = o.n
  FROM (SELECT id, row_number() OVER (PARTITION BY product_id ORDER BY created_at DESC, id DESC) - 1 AS n
          FROM entities.media_assets WHERE product_id IS NOT NULL AND deleted_at IS NULL) o
 WHERE m.id = o.id;
UPDATE entities.media_assets m SET property_position = o.n
  FROM (SELECT id, row_number() OVER (PARTITION BY property_id ORDER BY created_at DESC, id DESC) - 1 AS n
          FROM entities.media_assets WHERE property_id IS NOT NULL AND deleted_at IS NULL) o
 WHERE m.id = o.id;

-- A link has a position exactly when it exists.
ALTER TABLE entities.media_assets
  ADD CONSTRAINT media_assets_product_position_check CHECK ((product_id IS NULL OR deleted_at IS NOT NULL) OR product_position >= 0),
  ADD CONSTRAINT media_assets_property_position_check CHECK ((property_id IS NULL OR deleted_at IS NOT NULL) OR property_position >= 0);

DROP INDEX entities.media_assets_product_id_idx;
DROP INDEX entities.media_assets_property_id_idx;
CREATE INDEX media_assets_product_id_product_position_idx ON entities.media_assets (product_id, product_position);
CREATE INDEX media_assets_property_id_property_position_idx ON entities.media_assets (property_id, property_position);
