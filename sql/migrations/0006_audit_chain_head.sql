-- The newest link of the audit chain (one row, id 1). See 0005_audit_events.sql.
CREATE TABLE audit_chain_head (
  head_id       TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_event_id BIGINT UNSIGNED NOT NULL,
  last_hash     CHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO audit_chain_head (head_id, last_event_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
