-- Requests to clear an account's second factor. One admin requests (with a reason), a
-- different admin approves; only then is the factor cleared.
CREATE TABLE second_factor_resets (
  second_factor_reset_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id                BIGINT UNSIGNED NOT NULL,
  requested_by           BIGINT UNSIGNED NOT NULL,
  reason                 VARCHAR(500) NOT NULL,
  requested_at           DATETIME NOT NULL,
  approved_by            BIGINT UNSIGNED NULL,
  approved_at            DATETIME NULL,
  cancelled_at           DATETIME NULL,
  CONSTRAINT fk_sf_resets_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  CONSTRAINT fk_sf_resets_requested_by FOREIGN KEY (requested_by) REFERENCES users (user_id),
  CONSTRAINT fk_sf_resets_approved_by FOREIGN KEY (approved_by) REFERENCES users (user_id),
  CONSTRAINT ck_sf_resets_two_admins CHECK (approved_by IS NULL OR approved_by <> requested_by),
  INDEX ix_sf_resets_user (user_id, approved_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
