-- Duties: a reservist under a commander at a station, in a deployment area, from starts_at
-- until ends_at (UTC; the half-open interval [starts_at, ends_at); NULL ends_at: open-ended).
-- A reservist never holds two overlapping assignments that are not cancelled: the write path
-- locks the reservist's row, checks (domain/Reservist.h planAssignment) and inserts in one
-- transaction.
CREATE TABLE reservist_assignments (
  reservist_assignment_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reservist_id      BIGINT UNSIGNED NOT NULL,
  commander_user_id BIGINT UNSIGNED NOT NULL,
  station_id        BIGINT UNSIGNED NOT NULL,
  area_county       VARCHAR(60) NOT NULL,
  area_sub_county   VARCHAR(60) NOT NULL,
  area_ward         VARCHAR(60) NOT NULL,
  area_location     VARCHAR(60) NOT NULL,
  duty_role         VARCHAR(20) NOT NULL,
  duty_note         VARCHAR(200) NOT NULL DEFAULT '',
  starts_at         DATETIME NOT NULL,
  ends_at           DATETIME NULL,
  status            VARCHAR(12) NOT NULL DEFAULT 'active',
  created_by        BIGINT UNSIGNED NOT NULL,
  created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_reservist_assignments_reservist FOREIGN KEY (reservist_id) REFERENCES reservists (reservist_id),
  CONSTRAINT fk_reservist_assignments_commander FOREIGN KEY (commander_user_id) REFERENCES users (user_id),
  CONSTRAINT fk_reservist_assignments_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_reservist_assignments_creator FOREIGN KEY (created_by) REFERENCES users (user_id),
  CONSTRAINT ck_reservist_assignments_role CHECK (duty_role IN ('patrol', 'escort', 'guard', 'community_liaison', 'other')),
  CONSTRAINT ck_reservist_assignments_status CHECK (status IN ('active', 'cancelled')),
  CONSTRAINT ck_reservist_assignments_interval CHECK (ends_at IS NULL OR ends_at > starts_at),
  INDEX ix_reservist_assignments_reservist (reservist_id, starts_at),
  INDEX ix_reservist_assignments_station (station_id, starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
