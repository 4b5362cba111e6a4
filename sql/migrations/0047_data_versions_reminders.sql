-- A change counter for retraining reminders: the role's home caches its reminder count while
-- no reminder has been created (kituo remind bumps it).
INSERT INTO data_versions (name, version) VALUES ('reminders', 0);
