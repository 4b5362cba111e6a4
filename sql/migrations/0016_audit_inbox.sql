-- Audit events are recorded here first, by a plain insert that takes no global lock, each with
-- an entry MAC over its content (so an edit before sealing is detected). The sealer moves them
-- into audit_events in inbox order, numbering and chaining them under the chain head's lock.
-- Rows stay here only for the sealing interval (seconds at most).
CREATE TABLE audit_inbox (
  inbox_id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at   DATETIME(6) NOT NULL,
  actor_user_id BIGINT UNSIGNED NULL,
  actor_username VARCHAR(64) NOT NULL DEFAULT '',
  action        VARCHAR(64) NOT NULL,
  record_type   VARCHAR(64) NOT NULL DEFAULT '',
  record_id     VARCHAR(64) NOT NULL DEFAULT '',
  ip            VARCHAR(64) NOT NULL DEFAULT '',
  scope_path    VARCHAR(760) NOT NULL DEFAULT '',
  outcome       VARCHAR(16) NOT NULL,
  detail        VARCHAR(1000) NOT NULL DEFAULT '',
  entry_mac     CHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
