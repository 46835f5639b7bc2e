package org.contactpoint.identity.domain.matching;

import java.util.Map;

/**
 * How common each name is among the children on record. The share of children with a name is the chance two
 * different children agree on it by coincidence (the Fellegi–Sunter u probability), so agreeing on "Smith" is
 * weaker evidence than agreeing on "Okafor". The count is smoothed with a prior worth {@link #PRIOR_CHILDREN}
 * children so a small register does not make every name look common.
 */
public final class TermFrequencies {

    static final double PRIOR_CHILDREN = 1000;

    private final Map<String, Long> counts;
    private final long children;

    public TermFrequencies(Map<String, Long> counts, long children) {
        this.counts = Map.copyOf(counts);
        this.children = children;
    }

    public static TermFrequencies none() {
        return new TermFrequencies(Map.of(), 0);
    }

    /** How many matchable children the register holds: the size the match probability's prior is taken from. */
    public long children() {
        return children;
    }

    /** The smoothed share of children indexed under {@code key}, falling back to {@code typical}. */
    double share(String key, double typical) {
        long count = counts.getOrDefault(key, 0L);
        return (count + PRIOR_CHILDREN * typical) / (children + PRIOR_CHILDREN);
    }
}
