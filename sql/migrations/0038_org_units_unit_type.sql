-- What a unit does (general_duties, criminal_investigation, traffic, child_protection,
-- gender_desk, occurrence_book, cybercrime, anti_trafficking, ...): training requirements can
-- apply to every officer posted to a kind of unit. NULL for places that are not units.
ALTER TABLE org_units ADD COLUMN unit_type VARCHAR(32) NULL AFTER name;
