-- Firearms issued to reservists, one kit per row: the firearm (serial, type), magazines and
-- rounds counted out, to whom, by whom, when it is due back, the reservist's acknowledgement
-- at the counter, and the return with what came back. out_serial is the serial while the kit
-- is out and NULL once returned, so the unique index makes "one serial out to two people at
-- once" impossible whatever the application does.
CREATE TABLE firearm_issues (
  firearm_issue_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reservist_id        BIGINT UNSIGNED NOT NULL,
  station_id          BIGINT UNSIGNED NOT NULL,
  serial              VARCHAR(30) NOT NULL,
  firearm_type        VARCHAR(20) NOT NULL,
  magazines_issued    SMALLINT UNSIGNED NOT NULL,
  rounds_issued       SMALLINT UNSIGNED NOT NULL,
  issued_at           DATETIME NOT NULL,
  expected_return_at  DATETIME NOT NULL,
  issued_by           BIGINT UNSIGNED NOT NULL,
  acknowledged_at     DATETIME NOT NULL,
  acknowledged_by     VARCHAR(12) NOT NULL,
  extensions          SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  returned_at         DATETIME NULL,
  magazines_returned  SMALLINT UNSIGNED NULL,
  rounds_returned     SMALLINT UNSIGNED NULL,
  returned_to         BIGINT UNSIGNED NULL,
  discrepancy         VARCHAR(400) NOT NULL DEFAULT '',
  out_serial          VARCHAR(30) AS (IF(returned_at IS NULL, serial, NULL)) PERSISTENT,
  version             INT UNSIGNED NOT NULL DEFAULT 1,
  created_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_firearm_issues_out UNIQUE (out_serial),
  CONSTRAINT fk_firearm_issues_reservist FOREIGN KEY (reservist_id) REFERENCES reservists (reservist_id),
  CONSTRAINT fk_firearm_issues_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_firearm_issues_issuer FOREIGN KEY (issued_by) REFERENCES users (user_id),
  CONSTRAINT fk_firearm_issues_receiver FOREIGN KEY (returned_to) REFERENCES users (user_id),
  CONSTRAINT ck_firearm_issues_type CHECK (firearm_type IN ('rifle', 'pistol', 'shotgun', 'other')),
  CONSTRAINT ck_firearm_issues_ack CHECK (acknowledged_by IN ('pin', 'signature')),
  INDEX ix_firearm_issues_station (station_id, returned_at, expected_return_at),
  INDEX ix_firearm_issues_reservist (reservist_id, issued_at),
  INDEX ix_firearm_issues_serial (serial, issued_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
