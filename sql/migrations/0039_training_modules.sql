-- The retraining catalogue: one row per module. validity_months 0 = never expires;
-- recert_basis says where a new validity runs from (completion date, the previous expiry when
-- renewed inside renewal_window_days, or a fixed calendar window month each year). See
-- server/domain/Training.h for the rules.
CREATE TABLE training_modules (
  training_module_id  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code                VARCHAR(16) NOT NULL,
  title               VARCHAR(160) NOT NULL,
  category            VARCHAR(40) NOT NULL,
  description         VARCHAR(2000) NOT NULL DEFAULT '',
  hours               SMALLINT UNSIGNED NOT NULL,
  delivery            VARCHAR(12) NOT NULL,
  pass_mark           TINYINT UNSIGNED NOT NULL,
  validity_months     SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  recert_basis        VARCHAR(16) NOT NULL DEFAULT 'completion',
  window_month        TINYINT UNSIGNED NULL,
  renewal_window_days SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  version             INT UNSIGNED NOT NULL DEFAULT 1,
  created_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT uq_training_modules_code UNIQUE (code),
  CONSTRAINT ck_training_modules_delivery CHECK (delivery IN ('classroom', 'field', 'e_learning', 'partner')),
  CONSTRAINT ck_training_modules_pass_mark CHECK (pass_mark <= 100),
  CONSTRAINT ck_training_modules_basis CHECK (recert_basis IN ('completion', 'previous_expiry', 'calendar')),
  CONSTRAINT ck_training_modules_window CHECK ((recert_basis = 'calendar') = (window_month IS NOT NULL)
                                               AND (window_month IS NULL OR window_month BETWEEN 1 AND 12))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
