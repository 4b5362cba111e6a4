-- Messages for an account, shown once at its next sign-in (e.g. "your second factor was
-- reset by two administrators").
CREATE TABLE user_notices (
  user_notice_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id        BIGINT UNSIGNED NOT NULL,
  message        VARCHAR(500) NOT NULL,
  created_at     DATETIME NOT NULL,
  shown_at       DATETIME NULL,
  CONSTRAINT fk_user_notices_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  INDEX ix_user_notices_user (user_id, shown_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
