-- A date-led search now reads the family-name keys of the children born that day from child_name_key_birth_family
-- (V3) and checks which may be answered only for the few that match by name; nothing reads child by date of birth any
-- more, so its partial index would only slow every projected change and take space.
DROP INDEX IF EXISTS child_date_of_birth;
