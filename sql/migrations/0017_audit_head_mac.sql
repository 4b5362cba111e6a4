-- The chain head carries its own MAC (over last_event_id and last_hash), so removing events
-- from the end and resetting the head to match is detected. Empty only on a trail that was
-- never sealed; `kituo migrate` signs an unsigned head of an existing trail once (audited).
ALTER TABLE audit_chain_head
  ADD COLUMN head_mac CHAR(64) NOT NULL DEFAULT '' AFTER last_hash,
  ADD COLUMN sealed_at DATETIME(6) NULL AFTER head_mac;
