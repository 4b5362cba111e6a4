-- The national scale dataset, added to a database that has been migrated and given the demo
-- seed (accounts, the Kilimani station, the retraining catalogue). Run by ops/seed-scale into
-- its own database (kituo_scale), never the demo or test database.
--
-- Deterministic: every value is a function of row numbers (MariaDB's Sequence engine,
-- seq_1_to_N), never of RAND() or the clock; dates are counted from a fixed reference day
-- (2026-11-01), so two runs give the same rows. What it adds:
--   - 7 more regions and the 46 counties besides Nairobi (47 in all), each with 3
--     sub-counties of 7 stations (Nairobi's are added beside Kilimani's): 987 stations, plus
--     one large station (SCL-BIG) of exactly 1,000 officers for the matrix benchmark;
--   - 4 or 5 units per station (general duties, crime office, traffic, report office, and a
--     child protection unit at every third station);
--   - 100,000 officers (1,000 at SCL-BIG, the rest spread about 100 a station) with their
--     rank, rank date and status, a current posting for each and a previous one for half;
--   - 1,000,000 completions of the demo catalogue's modules, 10 an officer, dated over the
--     last five years, about one in twenty a failed attempt, passes with a certificate code;
--   - 20,000 reservists of the National Police Reserve, about 20 a station, each with an
--     earlier duty and, for two in three, a current one (open-ended, or ending 40 to 70 days
--     after the reference day),
--     and firearm records: 5,000 kits issued and returned, 2,000 out (1,000 of them overdue);
--   - two accounts with the demo password: hr.national (national HR) and hr.big (HR of
--     SCL-BIG).
-- Rank histories are the officer's rank and rank date until the promotions area adds its
-- history table; it extends this script.

SET SESSION foreign_key_checks = 0;
SET SESSION unique_checks = 0;
SET @ref = DATE '2026-11-01';
SET @nation = (SELECT org_unit_id FROM org_units WHERE code = 'NPS');
SET @nairobi = (SELECT org_unit_id FROM org_units WHERE code = 'NRB');

-- Regions (Nairobi's exists) and the 47 counties in their official order; Nairobi (47)
-- exists as NRB.
CREATE TEMPORARY TABLE scale_regions (n INT PRIMARY KEY, code VARCHAR(8), name VARCHAR(60));
INSERT INTO scale_regions VALUES
  (1, 'CST-R', 'Coast Region'), (2, 'NE-R', 'North Eastern Region'), (3, 'EST-R', 'Eastern Region'),
  (4, 'CEN-R', 'Central Region'), (5, 'RV-R', 'Rift Valley Region'), (6, 'WST-R', 'Western Region'),
  (7, 'NYZ-R', 'Nyanza Region');
INSERT INTO org_units (parent_id, kind, code, name)
  SELECT @nation, 'region', code, name FROM scale_regions ORDER BY n;

CREATE TEMPORARY TABLE scale_counties (n INT PRIMARY KEY, region INT, name VARCHAR(60), org_unit_id BIGINT UNSIGNED);
INSERT INTO scale_counties (n, region, name) VALUES
  (1, 1, 'Mombasa'), (2, 1, 'Kwale'), (3, 1, 'Kilifi'), (4, 1, 'Tana River'), (5, 1, 'Lamu'),
  (6, 1, 'Taita-Taveta'), (7, 2, 'Garissa'), (8, 2, 'Wajir'), (9, 2, 'Mandera'), (10, 3, 'Marsabit'),
  (11, 3, 'Isiolo'), (12, 3, 'Meru'), (13, 3, 'Tharaka-Nithi'), (14, 3, 'Embu'), (15, 3, 'Kitui'),
  (16, 3, 'Machakos'), (17, 3, 'Makueni'), (18, 4, 'Nyandarua'), (19, 4, 'Nyeri'), (20, 4, 'Kirinyaga'),
  (21, 4, 'Murang''a'), (22, 4, 'Kiambu'), (23, 5, 'Turkana'), (24, 5, 'West Pokot'), (25, 5, 'Samburu'),
  (26, 5, 'Trans-Nzoia'), (27, 5, 'Uasin Gishu'), (28, 5, 'Elgeyo-Marakwet'), (29, 5, 'Nandi'),
  (30, 5, 'Baringo'), (31, 5, 'Laikipia'), (32, 5, 'Nakuru'), (33, 5, 'Narok'), (34, 5, 'Kajiado'),
  (35, 5, 'Kericho'), (36, 5, 'Bomet'), (37, 6, 'Kakamega'), (38, 6, 'Vihiga'), (39, 6, 'Bungoma'),
  (40, 6, 'Busia'), (41, 7, 'Siaya'), (42, 7, 'Kisumu'), (43, 7, 'Homa Bay'), (44, 7, 'Migori'),
  (45, 7, 'Kisii'), (46, 7, 'Nyamira');
INSERT INTO org_units (parent_id, kind, code, name)
  SELECT r.org_unit_id, 'county', CONCAT('C', LPAD(c.n, 2, '0')), CONCAT(c.name, ' County')
  FROM scale_counties c JOIN scale_regions sr ON sr.n = c.region JOIN org_units r ON r.code = sr.code
  ORDER BY c.n;
UPDATE scale_counties c JOIN org_units u ON u.code = CONCAT('C', LPAD(c.n, 2, '0')) SET c.org_unit_id = u.org_unit_id;
INSERT INTO scale_counties (n, region, name, org_unit_id) VALUES (47, 0, 'Nairobi', @nairobi);

-- Sub-counties and stations: three of each county, seven stations each.
INSERT INTO org_units (parent_id, kind, code, name)
  SELECT c.org_unit_id, 'sub_county', CONCAT('C', LPAD(c.n, 2, '0'), '-', s.seq),
         CONCAT(c.name, ' ', ELT(s.seq, 'North', 'Central', 'South'), ' Sub-County')
  FROM scale_counties c JOIN seq_1_to_3 s ORDER BY c.n, s.seq;

CREATE TEMPORARY TABLE scale_stations (
  n INT PRIMARY KEY, code VARCHAR(16), station_id BIGINT UNSIGNED,
  gd BIGINT UNSIGNED, cid BIGINT UNSIGNED, trf BIGINT UNSIGNED, ob BIGINT UNSIGNED, cpu BIGINT UNSIGNED);
-- n = 0 is the large station; 1..987 the others, county by county.
INSERT INTO scale_stations (n, code)
  SELECT (c.n - 1) * 21 + (s.seq - 1) * 7 + k.seq, CONCAT('C', LPAD(c.n, 2, '0'), '-', s.seq, LPAD(k.seq, 2, '0'))
  FROM scale_counties c JOIN seq_1_to_3 s JOIN seq_1_to_7 k;
INSERT INTO scale_stations (n, code) VALUES (0, 'SCL-BIG');
INSERT INTO org_units (parent_id, kind, code, name)
  SELECT sc.org_unit_id, 'station', ss.code,
         CONCAT(ELT(1 + (ss.n * 7 + 3) % 24, 'Central', 'Market', 'Railway', 'Industrial Area', 'Airport',
                    'Bus Park', 'Township', 'Stadium', 'Hospital Road', 'Lakeside', 'Hill', 'Riverside',
                    'Junction', 'Mission', 'Border', 'Estate', 'Harbour', 'Showground', 'Old Town',
                    'New Town', 'Ridge', 'Valley', 'Highway', 'Kiwanja'),
                ' Police Station, ', SUBSTRING_INDEX(sc.name, ' Sub-County', 1), ' ', ss.n)
  FROM scale_stations ss JOIN org_units sc ON sc.code = SUBSTRING(ss.code, 1, 5)
  WHERE ss.n > 0 ORDER BY ss.n;
INSERT INTO org_units (parent_id, kind, code, name)
  SELECT org_unit_id, 'station', 'SCL-BIG', 'Central Police Station (1,000 officers)'
  FROM org_units WHERE code = 'C47-2';
UPDATE scale_stations ss JOIN org_units u ON u.code = ss.code SET ss.station_id = u.org_unit_id;

-- Units: four at every station, a child protection unit at every third.
INSERT INTO org_units (parent_id, kind, code, name, unit_type)
  SELECT ss.station_id, 'unit', CONCAT(ss.code, '-', ELT(u.seq, 'GD', 'CID', 'TRF', 'OB', 'CPU')),
         ELT(u.seq, 'General Duties', 'Crime (DCI) Office', 'Traffic', 'Report Office (Occurrence Book)',
             'Child Protection Unit'),
         ELT(u.seq, 'general_duties', 'criminal_investigation', 'traffic', 'occurrence_book', 'child_protection')
  FROM scale_stations ss JOIN seq_1_to_5 u
  WHERE u.seq < 5 OR ss.n % 3 = 0 ORDER BY ss.n, u.seq;
UPDATE scale_stations ss
  JOIN org_units g ON g.code = CONCAT(ss.code, '-GD') JOIN org_units d ON d.code = CONCAT(ss.code, '-CID')
  JOIN org_units t ON t.code = CONCAT(ss.code, '-TRF') JOIN org_units o ON o.code = CONCAT(ss.code, '-OB')
  LEFT JOIN org_units p ON p.code = CONCAT(ss.code, '-CPU')
  SET ss.gd = g.org_unit_id, ss.cid = d.org_unit_id, ss.trf = t.org_unit_id, ss.ob = o.org_unit_id,
      ss.cpu = p.org_unit_id;

-- Materialised paths, level by level from the top (a unit is at most five levels down).
UPDATE org_units u JOIN org_units p ON p.org_unit_id = u.parent_id
  SET u.path = CONCAT(p.path, u.org_unit_id, '/') WHERE u.path = '' AND p.path <> '';
UPDATE org_units u JOIN org_units p ON p.org_unit_id = u.parent_id
  SET u.path = CONCAT(p.path, u.org_unit_id, '/') WHERE u.path = '' AND p.path <> '';
UPDATE org_units u JOIN org_units p ON p.org_unit_id = u.parent_id
  SET u.path = CONCAT(p.path, u.org_unit_id, '/') WHERE u.path = '' AND p.path <> '';
UPDATE org_units u JOIN org_units p ON p.org_unit_id = u.parent_id
  SET u.path = CONCAT(p.path, u.org_unit_id, '/') WHERE u.path = '' AND p.path <> '';
UPDATE org_units u JOIN org_units p ON p.org_unit_id = u.parent_id
  SET u.path = CONCAT(p.path, u.org_unit_id, '/') WHERE u.path = '' AND p.path <> '';

-- Officers: i = 1..1000 at the large station, the rest spread over stations 1..987. h is a
-- fixed scramble of i that picks names, ranks and dates.
CREATE TEMPORARY TABLE scale_officers (
  i INT PRIMARY KEY, h BIGINT, station INT, unit_pick INT, enlisted DATE, posted DATE) ENGINE = MEMORY;
INSERT INTO scale_officers (i, h, station, unit_pick, enlisted, posted)
  SELECT s.seq, (s.seq * 2654435761) % 4294967291,
         IF(s.seq <= 1000, 0, 1 + (s.seq - 1001) % 987), (s.seq * 7) % 10,
         DATE_SUB(@ref, INTERVAL 200 + (s.seq * 7919) % 9000 DAY),
         DATE_SUB(@ref, INTERVAL 30 + (s.seq * 104729) % 1800 DAY)
  FROM seq_1_to_100000 s;
UPDATE scale_officers SET posted = enlisted WHERE posted < enlisted;

SET @ranks = (SELECT COUNT(*) FROM ranks);
INSERT INTO officers (officer_id, service_number, surname, other_names, national_id, gender, date_of_birth,
                      enlistment_date, service_code, rank_id, rank_since, status, status_since, phone,
                      station_id, unit_id)
  SELECT 1000000 + o.i, 3000000 + o.i,
         ELT(1 + o.h % 40, 'Otieno', 'Wanjiru', 'Kamau', 'Mwangi', 'Ochieng', 'Njoroge', 'Kiprono', 'Chebet',
             'Mutua', 'Wambui', 'Achieng', 'Omondi', 'Kiptoo', 'Jeptoo', 'Nyambura', 'Waweru', 'Onyango',
             'Odhiambo', 'Kariuki', 'Muthoni', 'Korir', 'Langat', 'Cheruiyot', 'Wekesa', 'Barasa', 'Wafula',
             'Nasimiyu', 'Mohamed', 'Hassan', 'Abdi', 'Nduta', 'Kilonzo', 'Musyoka', 'Mbithi', 'Nzioka',
             'Atieno', 'Awino', 'Ouma', 'Kimani', 'Gitau'),
         IF(o.i % 3 = 0,
            ELT(1 + (o.h DIV 40) % 16, 'Grace', 'Mercy', 'Faith', 'Joyce', 'Esther', 'Lucy', 'Caroline', 'Winnie',
                'Purity', 'Beatrice', 'Zawadi', 'Amina', 'Halima', 'Nafula', 'Akinyi', 'Wanjiku'),
            ELT(1 + (o.h DIV 40) % 16, 'Peter', 'John', 'Joseph', 'David', 'Samuel', 'Daniel', 'Brian', 'Kevin',
                'Dennis', 'Collins', 'Omar', 'Juma', 'Baraka', 'Kiprop', 'Felix', 'Ibrahim')),
         30000000 + o.i, IF(o.i % 3 = 0, 'F', 'M'),
         DATE_SUB(o.enlisted, INTERVAL 7300 + o.h % 2500 DAY), o.enlisted,
         CASE WHEN o.i % 10 < 6 THEN 'KPS' WHEN o.i % 10 < 9 THEN 'APS' ELSE 'DCI' END,
         (SELECT rank_id FROM ranks WHERE ordinal =
            CASE WHEN o.h % 100 < 50 THEN 1 WHEN o.h % 100 < 70 THEN 2 WHEN o.h % 100 < 82 THEN 3
                 WHEN o.h % 100 < 88 THEN 4 WHEN o.h % 100 < 94 THEN 5 WHEN o.h % 100 < 97 THEN 6
                 WHEN o.h % 100 < 99 THEN 7 ELSE 8 END),
         DATE_ADD(o.enlisted, INTERVAL (o.h % 1000) * DATEDIFF(@ref, o.enlisted) DIV 1000 DAY),
         CASE WHEN o.i % 100 = 7 THEN 'on_leave' WHEN o.i % 100 = 13 THEN 'suspended'
              WHEN o.i % 100 = 29 THEN 'retired' ELSE 'active' END,
         DATE_ADD(o.enlisted, INTERVAL (o.h % 1000) * DATEDIFF(@ref, o.enlisted) DIV 1000 DAY),
         CONCAT('07', LPAD(o.h % 100000000, 8, '0')),
         ss.station_id,
         CASE WHEN o.unit_pick < 5 THEN ss.gd WHEN o.unit_pick < 7 THEN ss.cid WHEN o.unit_pick = 7 THEN ss.trf
              WHEN o.unit_pick = 8 THEN ss.ob ELSE COALESCE(ss.cpu, ss.gd) END
  FROM scale_officers o JOIN scale_stations ss ON ss.n = o.station;

-- Postings: the current one for everyone; for every second officer a previous one at another
-- station, from enlistment to the day before the current one.
INSERT INTO postings (officer_id, station_id, unit_id, from_date, to_date, reference)
  SELECT 1000000 + o.i, ss.station_id, ss.gd, o.enlisted, DATE_SUB(o.posted, INTERVAL 1 DAY),
         CONCAT('SCALE/', o.i, '/1')
  FROM scale_officers o JOIN scale_stations ss ON ss.n = 1 + (o.station + 500) % 987
  WHERE o.i % 2 = 0 AND o.posted > o.enlisted;
INSERT INTO postings (officer_id, station_id, unit_id, from_date, to_date, reference)
  SELECT f.officer_id, f.station_id, f.unit_id, o.posted, NULL, CONCAT('SCALE/', o.i, '/2')
  FROM scale_officers o JOIN officers f ON f.officer_id = 1000000 + o.i;

-- Completions: ten an officer. Slot j picks a module (the all-officer modules more often,
-- older attempts of the same module in later slots) and a date up to five years back.
CREATE TEMPORARY TABLE scale_slots (j INT PRIMARY KEY, code VARCHAR(16), back_min INT, back_span INT);
INSERT INTO scale_slots VALUES
  (0, 'HR-UOF', 0, 800), (1, 'FA-BASIC', 0, 760), (2, 'FIRE-QUAL', 0, 420), (3, 'HR-CUSTODY', 0, 900),
  (4, 'DOB-USE', 0, 600), (5, 'HR-UOF', 800, 900), (6, 'FIRE-QUAL', 420, 700), (7, 'TIP-ID', 0, 500),
  (8, '', 0, 1200), (9, 'FA-BASIC', 760, 800);
SET @rotating = 'CYB-FR,CP-INT,CP-LAW,FA-TRAUMA,PROM-SGT,CYB-EVID,TIP-LABOUR,DOB-SUP';
INSERT INTO training_completions (officer_id, training_module_id, completed_on, passed, score, source,
                                  evidence_reference, certificate_code)
  SELECT 1000000 + o.i, m.training_module_id,
         GREATEST(o.enlisted, DATE_SUB(@ref, INTERVAL sl.back_min + (o.h DIV 7 + sl.j * 131) % sl.back_span DAY)),
         (o.h + sl.j * 17) % 20 <> 0,
         IF((o.h + sl.j * 17) % 20 <> 0, 80 + (o.h + sl.j) % 21, 30 + (o.h + sl.j) % 30),
         'external', 'Scale dataset',
         IF((o.h + sl.j * 17) % 20 <> 0, CONCAT('S', LPAD(CONV(o.i * 10 + sl.j, 10, 36), 11, '0')), NULL)
  FROM scale_officers o JOIN scale_slots sl
  JOIN training_modules m ON m.code = IF(sl.code = '', SUBSTRING_INDEX(SUBSTRING_INDEX(@rotating, ',', 1 + o.i % 8), ',', -1), sl.code);

-- The reserve: 20,000 reservists spread over every station (n = i mod 988), aged 23 to 52 at
-- enlistment, vetted within three years. Duties and kits are commanded and issued by the demo
-- commander account (the scale dataset has no per-station accounts).
SET @commander = (SELECT user_id FROM users WHERE username = 'commander');
INSERT INTO reservists (reservist_number, surname, other_names, national_id, date_of_birth, gender, phone,
                        home_county, home_sub_county, home_ward, home_location, enlistment_date, vetting_date,
                        vetting_result, revetting_due, status, status_since, status_reason, next_of_kin_name,
                        next_of_kin_phone, next_of_kin_relation, station_id)
  SELECT CONCAT('NPR/', LPAD(r.seq, 7, '0')),
         ELT(1 + r.seq % 12, 'Lekishon', 'Wanyama', 'Chepkwony', 'Mwakio', 'Ngala', 'Kerubo', 'Moraa', 'Omollo',
             'Salat', 'Lemayian', 'Kasyoka', 'Gachanja'),
         ELT(1 + (r.seq DIV 12) % 10, 'Daniel', 'Rose', 'Josphat', 'Naomi', 'Evans', 'Sharon', 'Tobias', 'Lilian',
             'Simon', 'Agnes'),
         40000000 + r.seq,
         DATE_SUB(DATE_SUB(@ref, INTERVAL 100 + r.seq % 3000 DAY), INTERVAL 23 + r.seq % 30 YEAR),
         IF(r.seq % 3 = 1, 'F', 'M'), CONCAT('+2547', LPAD(30000000 + r.seq, 8, '0')),
         'Scale', 'Scale', CONCAT('Ward ', r.seq % 7), 'Scale',
         DATE_SUB(@ref, INTERVAL 100 + r.seq % 3000 DAY),
         DATE_SUB(@ref, INTERVAL 30 + r.seq % 1000 DAY), 'cleared',
         DATE_ADD(DATE_SUB(@ref, INTERVAL 30 + r.seq % 1000 DAY), INTERVAL 3 YEAR),
         IF(r.seq % 50 = 0, 'suspended', 'active'), DATE_SUB(@ref, INTERVAL 100 + r.seq % 3000 DAY),
         IF(r.seq % 50 = 0, 'Scale dataset', ''), 'Next of kin', '+254711000000', 'Parent',
         ss.station_id
  FROM seq_1_to_20000 r JOIN scale_stations ss ON ss.n = r.seq % 988;
CREATE TEMPORARY TABLE scale_reservists (i INT PRIMARY KEY, reservist_id BIGINT UNSIGNED, station_id BIGINT UNSIGNED)
  SELECT CAST(SUBSTRING(reservist_number, 5) AS UNSIGNED) AS i, reservist_id, station_id
  FROM reservists WHERE reservist_number LIKE 'NPR/00%';
INSERT INTO reservist_assignments (reservist_id, commander_user_id, station_id, area_county, area_sub_county,
                                   area_ward, area_location, duty_role, starts_at, ends_at, created_by)
  SELECT x.reservist_id, @commander, x.station_id, 'Scale', 'Scale', CONCAT('Ward ', x.i % 7), 'Scale', 'patrol',
         TIMESTAMP(DATE_SUB(@ref, INTERVAL 10 + x.i % 20 DAY), '03:00:00'),
         TIMESTAMP(DATE_SUB(@ref, INTERVAL 10 + x.i % 20 DAY), '15:00:00'), @commander
  FROM scale_reservists x;
INSERT INTO reservist_assignments (reservist_id, commander_user_id, station_id, area_county, area_sub_county,
                                   area_ward, area_location, duty_role, starts_at, ends_at, created_by)
  SELECT x.reservist_id, @commander, x.station_id, 'Scale', 'Scale', CONCAT('Ward ', x.i % 7), 'Scale',
         ELT(1 + x.i % 4, 'patrol', 'escort', 'guard', 'community_liaison'),
         TIMESTAMP(DATE_SUB(@ref, INTERVAL 1 + x.i % 5 DAY), '03:00:00'),
         IF(x.i % 2 = 0, NULL, TIMESTAMP(DATE_ADD(@ref, INTERVAL 40 + x.i % 30 DAY), '15:00:00')), @commander
  FROM scale_reservists x WHERE x.i % 3 <> 0 AND x.i % 50 <> 0;
INSERT INTO firearm_issues (reservist_id, station_id, serial, firearm_type, magazines_issued, rounds_issued, issued_at,
                            expected_return_at, issued_by, acknowledged_at, acknowledged_by, returned_at,
                            magazines_returned, rounds_returned, returned_to)
  SELECT x.reservist_id, x.station_id, CONCAT('SC-', x.i, '-A'), 'rifle', 2, 60,
         TIMESTAMP(DATE_SUB(@ref, INTERVAL 20 DAY), '03:00:00'), TIMESTAMP(DATE_SUB(@ref, INTERVAL 20 DAY), '15:00:00'),
         @commander, TIMESTAMP(DATE_SUB(@ref, INTERVAL 20 DAY), '03:00:00'), 'signature',
         TIMESTAMP(DATE_SUB(@ref, INTERVAL 20 DAY), '15:00:00'), 2, 60, @commander
  FROM scale_reservists x WHERE x.i % 4 = 0;
INSERT INTO firearm_issues (reservist_id, station_id, serial, firearm_type, magazines_issued, rounds_issued, issued_at,
                            expected_return_at, issued_by, acknowledged_at, acknowledged_by)
  SELECT x.reservist_id, x.station_id, CONCAT('SC-', x.i, '-B'), IF(x.i % 20 = 0, 'pistol', 'rifle'), 2, 60,
         TIMESTAMP(DATE_SUB(@ref, INTERVAL 1 DAY), '03:00:00'),
         IF(x.i % 20 = 0, TIMESTAMP(DATE_SUB(@ref, INTERVAL 1 DAY), '15:00:00'),
            TIMESTAMP(DATE_ADD(@ref, INTERVAL 60 DAY), '15:00:00')),
         @commander, TIMESTAMP(DATE_SUB(@ref, INTERVAL 1 DAY), '03:00:00'), 'signature'
  FROM scale_reservists x WHERE x.i % 10 = 0;

-- Two accounts with the demo password (copied from the demo hr account's hash).
INSERT INTO users (username, display_name, role, org_unit_id, password_hash, must_change_password)
  SELECT 'hr.national', 'Ruth Wairimu (national HR)', 'hr_officer', @nation, password_hash, 0
  FROM users WHERE username = 'hr';
INSERT INTO users (username, display_name, role, org_unit_id, password_hash, must_change_password)
  SELECT 'hr.big', 'Tom Odera (HR, SCL-BIG)', 'hr_officer', ss.station_id, u.password_hash, 0
  FROM users u JOIN scale_stations ss ON ss.n = 0 WHERE u.username = 'hr';

UPDATE data_versions SET version = version + 1;
ANALYZE TABLE org_units, officers, postings, training_completions, reservists, reservist_assignments,
  firearm_issues PERSISTENT FOR ALL;
