-- A change counter per station for everything that decides its officers' retraining
-- compliance: who serves there (officers, postings), their rank and unit (officers, units'
-- unit_type), and their completions. Kept by triggers, so no write path can forget it; a
-- cached per-station summary (training_station_summaries) is used only while its counter is
-- unchanged. The national catalogue has its own counter (data_versions 'training'), and the
-- date is part of every summary's key. Bumping a non-station id (a unit's parent that is not a
-- station) is harmless.
CREATE TABLE station_versions (
  station_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  version    BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER trg_officers_station_ins AFTER INSERT ON officers FOR EACH ROW
  INSERT INTO station_versions (station_id, version) VALUES (NEW.station_id, 1)
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_officers_station_upd AFTER UPDATE ON officers FOR EACH ROW
  INSERT INTO station_versions (station_id, version) VALUES (NEW.station_id, 1), (OLD.station_id, 1)
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_officers_station_del AFTER DELETE ON officers FOR EACH ROW
  INSERT INTO station_versions (station_id, version) VALUES (OLD.station_id, 1)
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_postings_station_ins AFTER INSERT ON postings FOR EACH ROW
  INSERT INTO station_versions (station_id, version) VALUES (NEW.station_id, 1)
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_postings_station_upd AFTER UPDATE ON postings FOR EACH ROW
  INSERT INTO station_versions (station_id, version) VALUES (NEW.station_id, 1), (OLD.station_id, 1)
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_postings_station_del AFTER DELETE ON postings FOR EACH ROW
  INSERT INTO station_versions (station_id, version) VALUES (OLD.station_id, 1)
  ON DUPLICATE KEY UPDATE version = version + 1;

CREATE TRIGGER trg_completions_station_ins AFTER INSERT ON training_completions FOR EACH ROW
  INSERT INTO station_versions (station_id, version)
    SELECT o.station_id, 1 FROM officers o WHERE o.officer_id = NEW.officer_id
  ON DUPLICATE KEY UPDATE station_versions.version = station_versions.version + 1;

CREATE TRIGGER trg_completions_station_upd AFTER UPDATE ON training_completions FOR EACH ROW
  INSERT INTO station_versions (station_id, version)
    SELECT o.station_id, 1 FROM officers o WHERE o.officer_id IN (NEW.officer_id, OLD.officer_id)
  ON DUPLICATE KEY UPDATE station_versions.version = station_versions.version + 1;

CREATE TRIGGER trg_completions_station_del AFTER DELETE ON training_completions FOR EACH ROW
  INSERT INTO station_versions (station_id, version)
    SELECT o.station_id, 1 FROM officers o WHERE o.officer_id = OLD.officer_id
  ON DUPLICATE KEY UPDATE station_versions.version = station_versions.version + 1;

CREATE TRIGGER trg_org_units_station_upd AFTER UPDATE ON org_units FOR EACH ROW
  INSERT INTO station_versions (station_id, version)
    VALUES (COALESCE(NEW.parent_id, NEW.org_unit_id), 1), (COALESCE(OLD.parent_id, OLD.org_unit_id), 1)
  ON DUPLICATE KEY UPDATE version = version + 1;
