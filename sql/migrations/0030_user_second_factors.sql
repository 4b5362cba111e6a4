-- Second factor (TOTP) per account. The secret is sealed with XChaCha20-Poly1305 under a key
-- derived from the master key (crypto/SecretBox.h), stored as hex, never in clear. pending_secret is
-- the secret shown at enrolment and not yet confirmed with a code; secret is the confirmed one.
-- last_step is the last TOTP time step accepted: a step is never accepted twice (replay).
CREATE TABLE user_second_factors (
  user_id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  secret         VARCHAR(255) NULL,
  pending_secret VARCHAR(255) NULL,
  last_step      BIGINT NOT NULL DEFAULT 0,
  enrolled_at    DATETIME NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_second_factors_user FOREIGN KEY (user_id) REFERENCES users (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
