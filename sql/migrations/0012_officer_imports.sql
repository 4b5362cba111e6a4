-- Uploaded nominal-roll files between preview and commit. The file is kept as uploaded so the
-- commit re-checks exactly what was previewed, against the database as it is then.
CREATE TABLE officer_imports (
  import_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id      BIGINT UNSIGNED NOT NULL,
  file_name    VARCHAR(255) NOT NULL,
  content      MEDIUMTEXT NOT NULL,
  checksum     CHAR(64) NOT NULL,
  created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  committed_at DATETIME NULL,
  summary      VARCHAR(255) NOT NULL DEFAULT '',
  CONSTRAINT fk_officer_imports_user FOREIGN KEY (user_id) REFERENCES users (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
