-- The roll is listed by station and name: this index serves both the scope filter and the
-- default order, so a station's page reads 50 index entries instead of sorting the roll.
-- It starts with station_id, so it replaces ix_officers_station.
ALTER TABLE officers
  ADD INDEX ix_officers_station_name (station_id, surname, other_names, officer_id),
  DROP INDEX ix_officers_station;
