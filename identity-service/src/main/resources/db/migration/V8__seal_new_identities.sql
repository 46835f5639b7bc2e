-- A new identity's registration is held back and published on its own, later (issue 16, item 7): until then the
-- child is neither on the topic nor in the blocking index.
ALTER TABLE child ADD COLUMN release_at TIMESTAMPTZ;
CREATE INDEX child_release_due ON child (release_at) WHERE release_at IS NOT NULL;

-- A record that resembles a closed (sealed) identity waits for the sealed-records team, never a local authority.
ALTER TABLE match_decision ADD COLUMN sealed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX match_decision_sealed_pending ON match_decision (decided_at) WHERE status = 'PENDING' AND sealed;

-- Closed identities were taken out of the blocking index before; the release job puts them back (keys are computed
-- in Java), finding them through this index.
CREATE INDEX child_closed ON child (id) WHERE status = 'CLOSED';
