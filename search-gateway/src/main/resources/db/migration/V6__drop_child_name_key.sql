-- Searches read child_search (V5) alone; the per-name keys it replaces are no longer read or written.
DROP TABLE child_name_key;
