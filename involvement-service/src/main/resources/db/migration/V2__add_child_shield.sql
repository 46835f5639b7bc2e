-- Whether identity-service has the child shielded (ChildEvent.shield): while it is, notifications name neither the
-- new service nor the new local authority. The reason stays in identity-service; only the dates are projected.
ALTER TABLE known_child ADD COLUMN shielded_since     TIMESTAMPTZ;
ALTER TABLE known_child ADD COLUMN shield_review_date DATE;
