-- A change counter for the retraining catalogue (modules, prerequisites, requirement rules):
-- pages cache the catalogue while it is unchanged (store/VersionedCache.h).
INSERT INTO data_versions (name, version) VALUES ('training', 0);
