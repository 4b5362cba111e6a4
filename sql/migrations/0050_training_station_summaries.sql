-- Each station's retraining compliance in numbers, as the county and national roll-up shows
-- it, computed for one day from the station's data at station_versions.version and the
-- catalogue at data_versions 'training'. A row whose day or counters differ from today's is
-- stale and recomputed before it is shown (server/store/TrainingSummaryStore.h); the daily
-- `kituo remind` run refreshes every station. Derived data: it may be deleted at any time.
CREATE TABLE training_station_summaries (
  station_id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  computed_for      DATE NOT NULL,
  station_version   BIGINT UNSIGNED NOT NULL,
  catalogue_version BIGINT UNSIGNED NOT NULL,
  officers          INT UNSIGNED NOT NULL,
  required          INT UNSIGNED NOT NULL,
  valid             INT UNSIGNED NOT NULL,
  overdue           INT UNSIGNED NOT NULL,
  expired           INT UNSIGNED NOT NULL,
  computed_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_training_station_summaries_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
