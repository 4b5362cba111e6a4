-- A sign-in whose password was right and that waits for the second factor. The browser holds
-- a random token in a cookie; only its SHA-256 is stored. It lives 5 minutes, ends at the
-- first success, and after too many wrong codes.
CREATE TABLE pending_sign_ins (
  pending_sign_in_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash         CHAR(64) NOT NULL,
  user_id            BIGINT UNSIGNED NOT NULL,
  next_path          VARCHAR(512) NOT NULL DEFAULT '/',
  ip                 VARCHAR(64) NOT NULL,
  failures           INT NOT NULL DEFAULT 0,
  created_at         DATETIME NOT NULL,
  expires_at         DATETIME NOT NULL,
  ended_at           DATETIME NULL,
  CONSTRAINT uq_pending_sign_ins_token UNIQUE (token_hash),
  CONSTRAINT fk_pending_sign_ins_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  INDEX ix_pending_sign_ins_user (user_id, ended_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
