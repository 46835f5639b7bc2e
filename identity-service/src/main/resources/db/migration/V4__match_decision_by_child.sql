-- Which decisions concern a child: a case-management system may correct a child only if its own submission created
-- it or was linked to it (ChildLifecycleService.update).
CREATE INDEX match_decision_child ON match_decision (child_id, decided_by);
