-- The rank ladder of the scheme of service, lowest first (ordinal 1 = Constable).
CREATE TABLE ranks (
  rank_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code       VARCHAR(16) NOT NULL,
  name       VARCHAR(80) NOT NULL,
  ordinal    INT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_ranks_code UNIQUE (code),
  CONSTRAINT uq_ranks_name UNIQUE (name),
  CONSTRAINT uq_ranks_ordinal UNIQUE (ordinal)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO ranks (code, name, ordinal) VALUES
  ('PC', 'Constable', 1),
  ('CPL', 'Corporal', 2),
  ('SGT', 'Sergeant', 3),
  ('SSGT', 'Senior Sergeant', 4),
  ('IP', 'Inspector', 5),
  ('CIP', 'Chief Inspector', 6),
  ('ASP', 'Assistant Superintendent', 7),
  ('SP', 'Superintendent', 8),
  ('SSP', 'Senior Superintendent', 9),
  ('CP', 'Commissioner of Police', 10),
  ('AIG', 'Assistant Inspector-General', 11),
  ('SAIG', 'Senior Assistant Inspector-General', 12),
  ('DIG', 'Deputy Inspector-General', 13),
  ('IG', 'Inspector-General', 14);
