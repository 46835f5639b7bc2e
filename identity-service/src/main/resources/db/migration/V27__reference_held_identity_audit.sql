-- Accesses to a new identity while it is held back are audited at once, but under this opaque reference rather than
-- the new identity's ContactPoint ID (issue 16): until the release nothing outside the service may name the new ID,
-- audit records included. The sealed-records team resolves the reference through the sealed link.
ALTER TABLE sealed_identity_link ADD COLUMN audit_reference UUID NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX sealed_identity_link_audit_reference ON sealed_identity_link (audit_reference);
