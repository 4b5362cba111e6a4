-- In-app notices for HR that an officer's module is about to expire (90, 60, 30 or 7 days
-- before its deadline) or is overdue (threshold 0). `kituo remind` creates them daily; the
-- unique key makes each officer x module x threshold x deadline exactly once, however often
-- it runs (a renewal moves the deadline, so its thresholds apply again).
CREATE TABLE training_reminders (
  training_reminder_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  officer_id           BIGINT UNSIGNED NOT NULL,
  training_module_id   BIGINT UNSIGNED NOT NULL,
  threshold_days       SMALLINT UNSIGNED NOT NULL,
  deadline             DATE NOT NULL,
  created_on           DATE NOT NULL,
  created_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_training_reminders_once UNIQUE (officer_id, training_module_id, threshold_days, deadline),
  CONSTRAINT fk_training_reminders_officer FOREIGN KEY (officer_id) REFERENCES officers (officer_id),
  CONSTRAINT fk_training_reminders_module FOREIGN KEY (training_module_id) REFERENCES training_modules (training_module_id),
  INDEX ix_training_reminders_created (created_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
