-- Up Migration
-- A listing's type becomes one of a fixed list the app can translate and filter on, and a listing
-- gets its energy rating (DPE, A to G). Free-form types written before are mapped to the closest
-- type by the words they contain (French and English), 'other' when none fits; a type that
-- changed keeps its former value in attributes.previousType, so nothing typed is lost.
CREATE TYPE entities."PropertyType" AS ENUM ('apartment', 'house', 'land', 'commercial', 'parking', 'office', 'building', 'other');
CREATE TYPE entities."EnergyRating" AS ENUM ('A', 'B', 'C', 'D', 'E', 'F', 'G');

-- Earlier types were lower-case words joined by "_" (the API's rule), so words are matched
-- between underscores. Parking and office come first: "parking_lot" is not land, "bureau_commercial" is an office.
CREATE FUNCTION pg_temp.closest_property_type(raw text) RETURNS entities."PropertyType"
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN v IN ('apartment', 'house', 'land', 'commercial', 'parking', 'office', 'building', 'other') THEN v
    WHEN v ~ '(^|_)(parking|parkings|garage|garages|box|carport|stationnement)($|_)' THEN 'parking'
    WHEN v ~ '(^|_)(office|offices|bureau|bureaux|coworking)($|_)' THEN 'office'
    WHEN v ~ '(^|_)(commercial|commerce|commerces|shop|store|retail|boutique|local|locaux|fonds|restaurant|hotel|warehouse|entrepot|atelier|industrial|industriel)($|_)' THEN 'commercial'
    WHEN v ~ '(^|_)(building|immeuble|batiment|block)($|_)' THEN 'building'
    WHEN v ~ '(^|_)(land|terrain|terrains|plot|lot|parcelle|field)($|_)' THEN 'land'
    WHEN v ~ '(^|_)(house|maison|villa|home|chalet|pavillon|cottage|bungalow|longere|mas|ferme|farmhouse|bastide|manoir|chateau|castle|townhouse)($|_)' THEN 'house'
    WHEN v ~ '(^|_)(apartment|apartments|appartement|appartements|appart|apt|flat|studio|studette|duplex|triplex|loft|condo|penthouse|[tf][1-9])($|_)' THEN 'apartment'
    ELSE 'other'
  END::entities."PropertyType"
  FROM (SELECT lower(btrim(raw)) AS v) x
$$;

UPDATE entities.properties
   SET attributes = attributes || jsonb_build_object('previousType', property_type)
 WHERE pg_temp.closest_property_type(property_type)::text <> property_type;

ALTER TABLE entities.properties
  ALTER COLUMN property_type TYPE entities."PropertyType" USING pg_temp.closest_property_type(property_type),
  ADD COLUMN energy_rating entities."EnergyRating";

CREATE INDEX properties_tenant_id_property_type_idx ON entities.properties (tenant_id, property_type);
