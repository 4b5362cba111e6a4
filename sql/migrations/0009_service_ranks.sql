-- Which ranks each service's ladder has. Every service runs Constable to Senior Assistant
-- Inspector-General; Deputy Inspectors-General head the KPS and the APS; the Inspector-General
-- heads the whole Service and is carried on the KPS roll.
CREATE TABLE service_ranks (
  service_code VARCHAR(8) NOT NULL,
  rank_id      BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (service_code, rank_id),
  CONSTRAINT fk_service_ranks_service FOREIGN KEY (service_code) REFERENCES services (service_code),
  CONSTRAINT fk_service_ranks_rank FOREIGN KEY (rank_id) REFERENCES ranks (rank_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO service_ranks (service_code, rank_id)
SELECT s.service_code, r.rank_id FROM services s CROSS JOIN ranks r WHERE r.ordinal <= 12;
INSERT INTO service_ranks (service_code, rank_id)
SELECT s.service_code, r.rank_id FROM services s JOIN ranks r ON r.code = 'DIG'
WHERE s.service_code IN ('KPS', 'APS');
INSERT INTO service_ranks (service_code, rank_id)
SELECT 'KPS', rank_id FROM ranks WHERE code = 'IG';
