-- National Police Reserve sections of a station. Every station's reservists are under its
-- Officer Commanding Station; a section groups some of them under a section commander (a
-- reservist or a regular officer, named in leader_name) who reports to the OCS. leader_user_id
-- is the commander's Kituo account, when they have one: that account sees only its section.
CREATE TABLE npr_sections (
  npr_section_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  station_id      BIGINT UNSIGNED NOT NULL,
  name            VARCHAR(100) NOT NULL,
  leader_name     VARCHAR(160) NOT NULL,
  leader_kind     VARCHAR(10) NOT NULL,
  leader_user_id  BIGINT UNSIGNED NULL,
  created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_npr_sections_name UNIQUE (station_id, name),
  CONSTRAINT fk_npr_sections_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_npr_sections_leader FOREIGN KEY (leader_user_id) REFERENCES users (user_id),
  CONSTRAINT ck_npr_sections_leader_kind CHECK (leader_kind IN ('reservist', 'officer')),
  INDEX ix_npr_sections_leader (leader_user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
