package org.contactpoint.gateway.application;

import org.contactpoint.gateway.domain.ChildIdentifier;
import org.contactpoint.gateway.domain.SearchCriteria;

import java.util.Map;

/**
 * A search that has met the minimum: by an exact identifier, or by demographic criteria (exactly one of the two).
 *
 * @param asked the parameters as the caller sent them, for the audit record
 */
public record SearchQuery(Map<String, String> asked, ChildIdentifier identifier, SearchCriteria criteria) {

    public static SearchQuery byIdentifier(Map<String, String> asked, ChildIdentifier identifier) {
        return new SearchQuery(asked, identifier, null);
    }

    public static SearchQuery byCriteria(Map<String, String> asked, SearchCriteria criteria) {
        return new SearchQuery(asked, null, criteria);
    }
}
