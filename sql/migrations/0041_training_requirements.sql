-- Who must hold a module: everyone, a rank range (ordinals, inclusive), a kind of unit, or a
-- service; from effective_from, with due_days for someone newly in scope (a recruit, a
-- promotion, a posting into the unit). See server/domain/Training.h.
CREATE TABLE training_requirements (
  training_requirement_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  training_module_id      BIGINT UNSIGNED NOT NULL,
  kind                    VARCHAR(12) NOT NULL,
  min_rank_ordinal        INT NULL,
  max_rank_ordinal        INT NULL,
  unit_type               VARCHAR(32) NULL,
  service_code            VARCHAR(8) NULL,
  effective_from          DATE NOT NULL,
  due_days                SMALLINT UNSIGNED NOT NULL DEFAULT 90,
  created_at              DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_training_requirements_module FOREIGN KEY (training_module_id) REFERENCES training_modules (training_module_id),
  CONSTRAINT fk_training_requirements_service FOREIGN KEY (service_code) REFERENCES services (service_code),
  CONSTRAINT ck_training_requirements_kind CHECK (
    (kind = 'all' AND min_rank_ordinal IS NULL AND unit_type IS NULL AND service_code IS NULL) OR
    (kind = 'rank_range' AND min_rank_ordinal IS NOT NULL AND max_rank_ordinal >= min_rank_ordinal) OR
    (kind = 'unit_type' AND unit_type IS NOT NULL) OR
    (kind = 'service' AND service_code IS NOT NULL)),
  INDEX ix_training_requirements_module (training_module_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
