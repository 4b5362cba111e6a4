-- The services of the National Police Service. Reference data: the ladder and the services
-- are tables, so a policy change is data, not code.
CREATE TABLE services (
  service_code VARCHAR(8) NOT NULL PRIMARY KEY,
  name         VARCHAR(120) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO services (service_code, name) VALUES
  ('KPS', 'Kenya Police Service'),
  ('APS', 'Administration Police Service'),
  ('DCI', 'Directorate of Criminal Investigations');
