-- The organisation tree: national -> region -> county -> sub-county -> station -> unit.
-- `path` is the materialized chain of ids ('/1/4/9/'), so "at or below a node" is a prefix match
-- that uses the index: path LIKE '/1/4/%'.
CREATE TABLE org_units (
  org_unit_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id   BIGINT UNSIGNED NULL,
  kind        VARCHAR(16) NOT NULL,
  code        VARCHAR(40) NOT NULL,
  name        VARCHAR(160) NOT NULL,
  path        VARCHAR(760) NOT NULL DEFAULT '',
  version     INT UNSIGNED NOT NULL DEFAULT 1,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT uq_org_units_code UNIQUE (code),
  CONSTRAINT fk_org_units_parent FOREIGN KEY (parent_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT ck_org_units_kind CHECK (kind IN ('national', 'region', 'county', 'sub_county',
                                               'station', 'unit')),
  INDEX ix_org_units_parent (parent_id),
  INDEX ix_org_units_path (path)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
