-- One-time recovery codes for the second factor. Only a keyed hash of each code is stored;
-- a code is used once (used_at set).
CREATE TABLE recovery_codes (
  recovery_code_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id          BIGINT UNSIGNED NOT NULL,
  code_hash        CHAR(64) NOT NULL,
  used_at          DATETIME NULL,
  created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_recovery_codes_hash UNIQUE (code_hash),
  CONSTRAINT fk_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  INDEX ix_recovery_codes_user (user_id, used_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
