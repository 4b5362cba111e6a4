-- Accounts: one role and one scope node each. Passwords are argon2id strings from libsodium
-- (parameters inside the string); there is never a default password.
CREATE TABLE users (
  user_id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username             VARCHAR(64) NOT NULL,
  display_name         VARCHAR(160) NOT NULL,
  role                 VARCHAR(32) NOT NULL,
  org_unit_id          BIGINT UNSIGNED NOT NULL,
  password_hash        VARCHAR(255) NOT NULL,
  must_change_password TINYINT(1) NOT NULL DEFAULT 1,
  disabled_at          DATETIME NULL,
  password_changed_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  version              INT UNSIGNED NOT NULL DEFAULT 1,
  created_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT uq_users_username UNIQUE (username),
  CONSTRAINT fk_users_org_unit FOREIGN KEY (org_unit_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT ck_users_role CHECK (role IN ('admin', 'hr_officer', 'counsellor',
    'clinical_supervisor', 'reservist_commander', 'station_commander', 'auditor')),
  INDEX ix_users_org_unit (org_unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
