-- Session records (the first tier: what statistics count) with the second tier, the process
-- note, sealed: note_sealed is XChaCha20-Poly1305 under the case's data key with this row's
-- id as associated data (a sealed note copied to another row does not open); note_key_version
-- is the case key's version it was sealed with. concerns is a comma list of concern codes.
CREATE TABLE welfare_sessions (
  welfare_session_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  welfare_case_id     BIGINT UNSIGNED NOT NULL,
  held_at             DATETIME NOT NULL,
  duration_minutes    SMALLINT UNSIGNED NOT NULL,
  session_type        VARCHAR(20) NOT NULL,
  referral_source     VARCHAR(20) NOT NULL,
  concerns            VARCHAR(200) NOT NULL,
  risk_level          VARCHAR(10) NOT NULL,
  follow_up_on        DATE NULL,
  referral_out_to     VARCHAR(160) NOT NULL DEFAULT '',
  referral_out_reason VARCHAR(400) NOT NULL DEFAULT '',
  note_sealed         MEDIUMTEXT NULL,
  note_key_version    SMALLINT UNSIGNED NULL,
  recorded_by         BIGINT UNSIGNED NOT NULL,
  created_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_welfare_sessions_case FOREIGN KEY (welfare_case_id) REFERENCES welfare_cases (welfare_case_id),
  CONSTRAINT fk_welfare_sessions_user FOREIGN KEY (recorded_by) REFERENCES users (user_id),
  CONSTRAINT ck_welfare_sessions_type CHECK (session_type IN ('individual', 'group', 'family', 'debrief')),
  CONSTRAINT ck_welfare_sessions_risk CHECK (risk_level IN ('none', 'low', 'moderate', 'high', 'imminent')),
  INDEX ix_welfare_sessions_case (welfare_case_id, held_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
