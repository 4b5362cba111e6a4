-- Every move of an officer. The open posting (to_date NULL) is the current one; open_marker
-- makes "at most one open posting per officer" a constraint, not a hope.
CREATE TABLE postings (
  posting_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  officer_id  BIGINT UNSIGNED NOT NULL,
  station_id  BIGINT UNSIGNED NOT NULL,
  unit_id     BIGINT UNSIGNED NULL,
  from_date   DATE NOT NULL,
  to_date     DATE NULL,
  reference   VARCHAR(100) NOT NULL DEFAULT '',
  open_marker TINYINT AS (IF(to_date IS NULL, 1, NULL)) VIRTUAL,
  created_by  BIGINT UNSIGNED NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_postings_officer FOREIGN KEY (officer_id) REFERENCES officers (officer_id),
  CONSTRAINT fk_postings_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_postings_unit FOREIGN KEY (unit_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT uq_postings_one_open UNIQUE (officer_id, open_marker),
  INDEX ix_postings_officer (officer_id, from_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
