-- Submissions of forms by signed-in users, so that the same form sent twice (a double click on
-- a slow link) is done once: the second gets the first's result. Keyed by a digest of the
-- session, the address and the body; kept for ten minutes.
CREATE TABLE form_submissions (
  submission_key CHAR(64) NOT NULL PRIMARY KEY,
  session_id     BIGINT UNSIGNED NOT NULL,
  location       VARCHAR(512) NULL,
  flash          VARCHAR(1024) NULL,  -- the first result's message, shown again to the second
  created_at     DATETIME NOT NULL,
  INDEX ix_form_submissions_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
