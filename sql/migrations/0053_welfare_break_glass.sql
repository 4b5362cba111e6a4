-- Emergency access: a clinical supervisor opens one case outside their supervision, with a
-- written reason, for at most 60 minutes (expires_at). Each grant waits for another
-- supervisor's review (reviewed_by, reviewed_at, review_note).
CREATE TABLE welfare_break_glass (
  welfare_break_glass_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  welfare_case_id        BIGINT UNSIGNED NOT NULL,
  user_id                BIGINT UNSIGNED NOT NULL,
  reason                 VARCHAR(1000) NOT NULL,
  granted_at             DATETIME NOT NULL,
  expires_at             DATETIME NOT NULL,
  reviewed_by            BIGINT UNSIGNED NULL,
  reviewed_at            DATETIME NULL,
  review_note            VARCHAR(1000) NOT NULL DEFAULT '',
  CONSTRAINT fk_welfare_break_glass_case FOREIGN KEY (welfare_case_id) REFERENCES welfare_cases (welfare_case_id),
  CONSTRAINT fk_welfare_break_glass_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  CONSTRAINT fk_welfare_break_glass_reviewer FOREIGN KEY (reviewed_by) REFERENCES users (user_id),
  CONSTRAINT ck_welfare_break_glass_reviewer CHECK (reviewed_by IS NULL OR reviewed_by <> user_id),
  INDEX ix_welfare_break_glass_case (welfare_case_id, user_id, expires_at),
  INDEX ix_welfare_break_glass_review (reviewed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
