-- Every attempt at a module with its result, each its own dated row (history is kept; the
-- newest pass decides compliance). source: 'offering' (a run of the module; the offering is
-- linked when offerings are recorded) or 'external' (a partner trained the officer: evidence
-- names the proof). certificate_code is set for passes: what /training/certificates/verify
-- takes.
CREATE TABLE training_completions (
  training_completion_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  officer_id             BIGINT UNSIGNED NOT NULL,
  training_module_id     BIGINT UNSIGNED NOT NULL,
  completed_on           DATE NOT NULL,
  passed                 TINYINT(1) NOT NULL,
  score                  TINYINT UNSIGNED NULL,
  source                 VARCHAR(8) NOT NULL,
  training_offering_id   BIGINT UNSIGNED NULL,
  evidence_reference     VARCHAR(200) NOT NULL DEFAULT '',
  certificate_code       CHAR(12) NULL,
  recorded_by            BIGINT UNSIGNED NULL,
  created_at             DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_training_completions_officer FOREIGN KEY (officer_id) REFERENCES officers (officer_id),
  CONSTRAINT fk_training_completions_module FOREIGN KEY (training_module_id) REFERENCES training_modules (training_module_id),
  CONSTRAINT fk_training_completions_user FOREIGN KEY (recorded_by) REFERENCES users (user_id),
  CONSTRAINT uq_training_completions_certificate UNIQUE (certificate_code),
  CONSTRAINT ck_training_completions_source CHECK (source IN ('offering', 'external')),
  CONSTRAINT ck_training_completions_score CHECK (score IS NULL OR score <= 100),
  INDEX ix_training_completions_officer (officer_id, training_module_id, completed_on),
  INDEX ix_training_completions_module (training_module_id, completed_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
