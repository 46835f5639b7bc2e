package org.contactpoint.gateway.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A row of the search table a probe found: the child as found by one of its family names, with what a match shows.
 *
 * @param givenKeys      keys of the current given names, the whole first
 * @param otherGivenKeys keys of the preferred, former and alias given names
 * @param protectedChild on a child-protection plan or looked after
 */
public record SearchHit(String contactPointId, SearchEntry.Variant variant, String familyKey, String variantName,
                        LocalDate dateOfBirth, List<String> givenKeys, List<String> otherGivenKeys, String gender,
                        String givenNames, String familyName, String preferredName, boolean shielded,
                        boolean protectedChild) {
}
