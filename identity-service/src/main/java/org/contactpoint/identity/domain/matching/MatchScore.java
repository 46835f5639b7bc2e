package org.contactpoint.identity.domain.matching;

import java.util.List;

/**
 * The total match weight of a record against one candidate, with the comparison of each field that explains it.
 *
 * @param caution why this candidate must not be linked without a person looking, whatever the score; null if none
 */
public record MatchScore(double score, List<FieldComparison> comparisons, String caution) {

    /**
     * Given names that differ while family name, date of birth and the household (the address, or a parent in common)
     * agree are what twins look like.
     */
    public static final String POSSIBLE_TWIN =
            "given names differ where family name, date of birth and postcode or parents agree: possibly a twin";
}
