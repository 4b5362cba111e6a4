-- The audit trail. Each row stores HMAC-SHA256(key, canonical content including event_id and
-- prev_hash), so editing, deleting or re-ordering rows breaks the chain. audit_chain_head
-- holds the newest link: appends lock it, which serializes the chain, and verification
-- compares against it to detect rows removed from the end.
CREATE TABLE audit_events (
  event_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  occurred_at   DATETIME(6) NOT NULL,
  actor_user_id BIGINT UNSIGNED NULL,
  actor_username VARCHAR(64) NOT NULL DEFAULT '',
  action        VARCHAR(64) NOT NULL,
  record_type   VARCHAR(64) NOT NULL DEFAULT '',
  record_id     VARCHAR(64) NOT NULL DEFAULT '',
  ip            VARCHAR(64) NOT NULL DEFAULT '',
  outcome       VARCHAR(16) NOT NULL,
  detail        VARCHAR(1000) NOT NULL DEFAULT '',
  prev_hash     CHAR(64) NOT NULL,
  row_hash      CHAR(64) NOT NULL,
  INDEX ix_audit_events_actor (actor_username, occurred_at),
  INDEX ix_audit_events_action (action, occurred_at),
  INDEX ix_audit_events_record (record_type, record_id),
  INDEX ix_audit_events_time (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
