-- How many reservists each station is authorised to deploy in each deployment area (a ward of
-- its county), as set by the command; the actual strength is counted from assignments.
CREATE TABLE npr_authorised_strength (
  station_id  BIGINT UNSIGNED NOT NULL,
  area_ward   VARCHAR(60) NOT NULL,
  authorised  SMALLINT UNSIGNED NOT NULL,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (station_id, area_ward),
  CONSTRAINT fk_npr_authorised_strength_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
