-- Reservists' retraining: a module attended, when, whether passed (and the score), recorded by
-- whom on what evidence. Compliance is computed from these and the 'reservists' rules of the
-- catalogue (server/domain/Training.h), as officers' is from training_completions.
CREATE TABLE reservist_training_completions (
  reservist_training_completion_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reservist_id        BIGINT UNSIGNED NOT NULL,
  training_module_id  BIGINT UNSIGNED NOT NULL,
  completed_on        DATE NOT NULL,
  passed              TINYINT(1) NOT NULL,
  score               TINYINT UNSIGNED NULL,
  evidence_reference  VARCHAR(100) NOT NULL DEFAULT '',
  recorded_by         BIGINT UNSIGNED NULL,
  created_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_reservist_training_reservist FOREIGN KEY (reservist_id) REFERENCES reservists (reservist_id),
  CONSTRAINT fk_reservist_training_module FOREIGN KEY (training_module_id) REFERENCES training_modules (training_module_id),
  CONSTRAINT fk_reservist_training_user FOREIGN KEY (recorded_by) REFERENCES users (user_id),
  INDEX ix_reservist_training (reservist_id, training_module_id, completed_on),
  INDEX ix_reservist_training_module (training_module_id, completed_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
