-- A requirement rule may be of every reservist of the National Police Reserve ('reservists'),
-- whose completions are kept in reservist_training_completions.
ALTER TABLE training_requirements DROP CONSTRAINT ck_training_requirements_kind;
ALTER TABLE training_requirements ADD CONSTRAINT ck_training_requirements_kind CHECK (
    (kind = 'all' AND min_rank_ordinal IS NULL AND unit_type IS NULL AND service_code IS NULL) OR
    (kind = 'rank_range' AND min_rank_ordinal IS NOT NULL AND max_rank_ordinal >= min_rank_ordinal) OR
    (kind = 'unit_type' AND unit_type IS NOT NULL) OR
    (kind = 'service' AND service_code IS NOT NULL) OR
    (kind = 'reservists' AND min_rank_ordinal IS NULL AND unit_type IS NULL AND service_code IS NULL));
