-- Issue 17: child.search_postcode is never searched (postcode searches read child_search.postcode through
-- child_search_by_postcode, V5), yet every child held wrote an entry in this index. The column stays (the Child
-- entity maps it); only the index goes.
DROP INDEX IF EXISTS child_search_postcode;
