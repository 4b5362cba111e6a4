-- Counselling cases: one per officer episode of care, opened by a counsellor with the
-- officer's consent recorded, closed with an outcome. Each case has its own data key for its
-- process notes, kept here only wrapped (sealed) under a key derived from the master key;
-- master_key_id names the master key that wrapped it (kituo rotate-key re-wraps), and
-- purged_at marks a case whose key was destroyed after the retention period. station_id is
-- the officer's station when the case was opened (for suppressed statistics only).
-- Nothing here is readable outside the counselling team: see server/store/WelfareStore.h.
CREATE TABLE welfare_cases (
  welfare_case_id   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  officer_id        BIGINT UNSIGNED NOT NULL,
  station_id        BIGINT UNSIGNED NOT NULL,
  opened_by         BIGINT UNSIGNED NOT NULL,
  opened_on         DATE NOT NULL,
  consent_reference VARCHAR(120) NOT NULL,
  status            VARCHAR(8) NOT NULL DEFAULT 'open',
  closed_on         DATE NULL,
  outcome           VARCHAR(24) NULL,
  data_key_wrapped  VARCHAR(200) NULL,
  master_key_id     CHAR(16) NOT NULL,
  purged_at         DATETIME NULL,
  version           INT UNSIGNED NOT NULL DEFAULT 1,
  created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_welfare_cases_officer FOREIGN KEY (officer_id) REFERENCES officers (officer_id),
  CONSTRAINT fk_welfare_cases_station FOREIGN KEY (station_id) REFERENCES org_units (org_unit_id),
  CONSTRAINT fk_welfare_cases_opened_by FOREIGN KEY (opened_by) REFERENCES users (user_id),
  CONSTRAINT ck_welfare_cases_status CHECK (status IN ('open', 'closed')),
  CONSTRAINT ck_welfare_cases_closed CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
  INDEX ix_welfare_cases_officer (officer_id),
  INDEX ix_welfare_cases_station (station_id, opened_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The counsellors assigned to a case: they, and only they (with their clinical supervisors
-- and a live break-glass grant), reach it.
CREATE TABLE welfare_case_counsellors (
  welfare_case_id BIGINT UNSIGNED NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  assigned_on     DATE NOT NULL,
  assigned_by     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (welfare_case_id, user_id),
  CONSTRAINT fk_welfare_case_counsellors_case FOREIGN KEY (welfare_case_id) REFERENCES welfare_cases (welfare_case_id),
  CONSTRAINT fk_welfare_case_counsellors_user FOREIGN KEY (user_id) REFERENCES users (user_id),
  INDEX ix_welfare_case_counsellors_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Which counsellors a clinical supervisor supervises.
CREATE TABLE welfare_supervision (
  supervisor_id  BIGINT UNSIGNED NOT NULL,
  counsellor_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (supervisor_id, counsellor_id),
  CONSTRAINT fk_welfare_supervision_supervisor FOREIGN KEY (supervisor_id) REFERENCES users (user_id),
  CONSTRAINT fk_welfare_supervision_counsellor FOREIGN KEY (counsellor_id) REFERENCES users (user_id),
  INDEX ix_welfare_supervision_counsellor (counsellor_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
