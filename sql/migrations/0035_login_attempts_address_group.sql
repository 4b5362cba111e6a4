-- Throttling counts (account, address group) pairs, accounts and address groups (an IPv4
-- address, or an IPv6 /64). `username` now holds a keyed digest of the typed name, known or
-- not, so that typed passwords never land in this table and unknown names count the same.
ALTER TABLE login_attempts
  ADD COLUMN address_group VARCHAR(64) NOT NULL DEFAULT '' AFTER ip,
  ADD INDEX ix_login_attempts_group (address_group, attempted_at),
  ADD INDEX ix_login_attempts_pair (username, address_group, attempted_at);
