-- A record that found a shielded child: its submitter was told only that it was accepted (ACCEPTED_PENDING), and a
-- resubmission while the child's own team reviews it is answered the same way.
ALTER TABLE match_decision ADD COLUMN withheld BOOLEAN NOT NULL DEFAULT FALSE;
