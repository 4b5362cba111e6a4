-- Sign-in sessions. Only the SHA-256 of the 256-bit token is stored, so a database reader
-- cannot take over a session; several server processes can share this table.
CREATE TABLE sessions (
  session_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash   CHAR(64) NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  csrf_token   CHAR(64) NOT NULL,
  ip           VARCHAR(64) NOT NULL,
  user_agent   VARCHAR(255) NOT NULL DEFAULT '',
  created_at   DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  ended_at     DATETIME NULL,
  end_reason   VARCHAR(32) NULL,
  CONSTRAINT uq_sessions_token UNIQUE (token_hash),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  INDEX ix_sessions_user (user_id, ended_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
