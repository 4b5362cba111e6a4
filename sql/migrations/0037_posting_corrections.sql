-- Postings corrected or cancelled because they were recorded by mistake. Each row keeps the
-- posting as it read before the change, the reason, who made it and when; a cancelled posting
-- is removed from postings and survives only here (so posting_id has no foreign key). The
-- officer's posting history shows these rows; the audit trail records the same change.
CREATE TABLE posting_corrections (
  posting_correction_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  officer_id     BIGINT UNSIGNED NOT NULL,
  posting_id     BIGINT UNSIGNED NOT NULL,
  action         VARCHAR(8) NOT NULL,
  old_station_id BIGINT UNSIGNED NOT NULL,
  old_unit_id    BIGINT UNSIGNED NULL,
  old_from_date  DATE NOT NULL,
  old_reference  VARCHAR(100) NOT NULL,
  reason         VARCHAR(200) NOT NULL,
  created_by     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_posting_corrections_officer FOREIGN KEY (officer_id) REFERENCES officers (officer_id),
  CONSTRAINT fk_posting_corrections_station FOREIGN KEY (old_station_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_posting_corrections_unit FOREIGN KEY (old_unit_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_posting_corrections_user FOREIGN KEY (created_by) REFERENCES users (user_id),
  CONSTRAINT ck_posting_corrections_action CHECK (action IN ('correct', 'cancel')),
  INDEX ix_posting_corrections_officer (officer_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
