-- Uploaded files kept between preview and commit are officers' roll files or reserve roster
-- files; each is previewed and committed only as the kind it was uploaded as.
ALTER TABLE officer_imports ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'officers';
