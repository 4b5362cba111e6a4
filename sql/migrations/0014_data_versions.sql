-- Change counters for cached page fragments. A store that writes a family of tables bumps its
-- counter in the same transaction; a cached fragment records the counter it was built at and
-- is used only while the counter is unchanged, so every server process sees a change at once.
CREATE TABLE data_versions (
  name    VARCHAR(32) NOT NULL PRIMARY KEY,
  version BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO data_versions (name, version) VALUES ('roll', 0);
