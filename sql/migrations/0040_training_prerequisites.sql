-- Modules an officer must have passed before enrolling in another.
CREATE TABLE training_prerequisites (
  training_module_id  BIGINT UNSIGNED NOT NULL,
  prerequisite_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (training_module_id, prerequisite_id),
  CONSTRAINT fk_training_prerequisites_module FOREIGN KEY (training_module_id) REFERENCES training_modules (training_module_id),
  CONSTRAINT fk_training_prerequisites_prerequisite FOREIGN KEY (prerequisite_id) REFERENCES training_modules (training_module_id),
  CONSTRAINT ck_training_prerequisites_self CHECK (training_module_id <> prerequisite_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
