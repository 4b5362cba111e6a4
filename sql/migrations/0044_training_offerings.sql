-- A module run on dates at a venue with a trainer and a number of places, hosted by a place
-- of the organisation (who may see and manage it: accounts at or above it). enrolled counts
-- the current enrolments: a conditional update of it under the row lock is what keeps an
-- offering from taking more than `capacity` however many enrol at once.
CREATE TABLE training_offerings (
  training_offering_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  training_module_id   BIGINT UNSIGNED NOT NULL,
  org_unit_id          BIGINT UNSIGNED NOT NULL,
  starts_on            DATE NOT NULL,
  ends_on              DATE NOT NULL,
  venue                VARCHAR(160) NOT NULL,
  trainer              VARCHAR(160) NOT NULL,
  capacity             SMALLINT UNSIGNED NOT NULL,
  enrolled             SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  created_by           BIGINT UNSIGNED NULL,
  created_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_training_offerings_module FOREIGN KEY (training_module_id) REFERENCES training_modules (training_module_id),
  CONSTRAINT fk_training_offerings_host FOREIGN KEY (org_unit_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_training_offerings_user FOREIGN KEY (created_by) REFERENCES users (user_id),
  CONSTRAINT ck_training_offerings_dates CHECK (ends_on >= starts_on),
  CONSTRAINT ck_training_offerings_places CHECK (capacity >= 1 AND enrolled <= capacity),
  INDEX ix_training_offerings_start (starts_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
