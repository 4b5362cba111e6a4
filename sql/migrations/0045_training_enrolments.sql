-- Officers enrolled in an offering: one row per officer and offering (a withdrawal keeps the
-- row, marked, and frees the place).
CREATE TABLE training_enrolments (
  training_enrolment_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  training_offering_id  BIGINT UNSIGNED NOT NULL,
  officer_id            BIGINT UNSIGNED NOT NULL,
  status                VARCHAR(10) NOT NULL DEFAULT 'enrolled',
  created_by            BIGINT UNSIGNED NULL,
  created_at            DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  withdrawn_at          DATETIME NULL,
  CONSTRAINT uq_training_enrolments_once UNIQUE (training_offering_id, officer_id),
  CONSTRAINT fk_training_enrolments_offering FOREIGN KEY (training_offering_id) REFERENCES training_offerings (training_offering_id),
  CONSTRAINT fk_training_enrolments_officer FOREIGN KEY (officer_id) REFERENCES officers (officer_id),
  CONSTRAINT fk_training_enrolments_user FOREIGN KEY (created_by) REFERENCES users (user_id),
  CONSTRAINT ck_training_enrolments_status CHECK (status IN ('enrolled', 'withdrawn')),
  INDEX ix_training_enrolments_officer (officer_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
