-- What became of an enrolment: attended or absent, and the completion recorded for it (its
-- result: pass or fail, score, date). NULL until results are entered.
ALTER TABLE training_enrolments
  ADD COLUMN attendance VARCHAR(8) NULL AFTER status,
  ADD COLUMN training_completion_id BIGINT UNSIGNED NULL AFTER attendance,
  ADD CONSTRAINT fk_training_enrolments_completion FOREIGN KEY (training_completion_id)
      REFERENCES training_completions (training_completion_id),
  ADD CONSTRAINT ck_training_enrolments_attendance CHECK (attendance IS NULL OR attendance IN ('attended', 'absent'));
