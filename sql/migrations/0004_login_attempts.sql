-- Sign-in attempts, for throttling (per account and per address). Never the password.
CREATE TABLE login_attempts (
  attempt_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username     VARCHAR(64) NOT NULL,
  ip           VARCHAR(64) NOT NULL,
  outcome      VARCHAR(16) NOT NULL,
  attempted_at DATETIME NOT NULL,
  CONSTRAINT ck_login_attempts_outcome CHECK (outcome IN ('success', 'failure', 'refused')),
  INDEX ix_login_attempts_user (username, attempted_at),
  INDEX ix_login_attempts_ip (ip, attempted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
