-- Where in the organisation tree each audit event belongs (the acting account's scope path;
-- empty for system events). Auditors read only the events at or below their own node; the
-- national node's auditors also read the system events. Part of the hashed content when set.
ALTER TABLE audit_events
  ADD COLUMN scope_path VARCHAR(760) NOT NULL DEFAULT '' AFTER ip,
  ADD INDEX ix_audit_events_scope (scope_path(191), event_id);
