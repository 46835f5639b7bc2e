package org.contactpoint.identity.domain.matching;

import java.util.Map;

/**
 * How common each name is among the children on record. The share of children with a name is the chance two
 * different children agree on it by coincidence (the Fellegi–Sunter u probability), so agreeing on "Smith" is
 * weaker evidence than agreeing on "Okafor". A name's count is read with one child's worth of prior at the typical
 * share ({@link #share}), a birthday's with {@link #PRIOR_CHILDREN} children's, so a small register makes no name
 * look rarer than typical by chance.
 */
public final class TermFrequencies {

    static final double PRIOR_CHILDREN = 1000;

    private final Map<String, Long> counts;
    private final long children;
    private final long assumedChildren;

    public TermFrequencies(Map<String, Long> counts, long children) {
        this(counts, children, children);
    }

    private TermFrequencies(Map<String, Long> counts, long children, long assumedChildren) {
        this.counts = Map.copyOf(counts);
        this.children = children;
        this.assumedChildren = assumedChildren;
    }

    /**
     * The same counts on a register assumed to hold at least {@code floor} children, as the match probability's
     * prior assumes ({@link MatchProbability}). A birthday's share is then its children over that size, so the prior
     * (1 in the register) and a shared birthday's evidence (the register over the children born that day) leave one
     * in the children born that day, whatever the register's size: a slice of a few birthdays at national density
     * on a register floored at England's size weighs them as the whole register would.
     */
    public TermFrequencies onRegisterOfAtLeast(long floor) {
        return new TermFrequencies(counts, children, Math.max(children, floor));
    }

    public static TermFrequencies none() {
        return new TermFrequencies(Map.of(), 0);
    }

    /** How many matchable children the register holds: the size the match probability's prior is taken from. */
    public long children() {
        return children;
    }

    /**
     * The smoothed share of children born on the day {@code key} counts, of the register the prior assumes (names
     * are shares of the children counted: a slice's names are a sample of the whole register's).
     */
    double birthdayShare(String key, double typical) {
        long count = counts.getOrDefault(key, 0L);
        return (count + PRIOR_CHILDREN * typical) / (assumedChildren + PRIOR_CHILDREN);
    }

    /**
     * The share of the other children of one family name ({@code familyKey}) that name a carer with the given name of
     * {@code carerKey}, the candidate itself left out: the chance that a different child of that family name names a
     * carer so called. Never below {@code typical}: a carer's name common in a family's community (Aisha among the
     * Khans) weighs less than a typical one, but a count not yet taken (children recorded before carers were counted,
     * a small register) or a small sample never makes a name look rarer than typical.
     */
    double carerShare(String carerKey, String familyKey, double typical) {
        long family = counts.getOrDefault(familyKey, 0L);
        if (family < MIN_FAMILY_FOR_CARER_SHARE) {
            return typical;
        }
        long others = Math.max(0, counts.getOrDefault(carerKey, 0L) - 1);
        return Math.max(typical, (double) others / (family - 1));
    }

    /** Whether any child is counted under {@code key} (a key added to the index later is absent from older ones). */
    boolean counted(String key) {
        return counts.getOrDefault(key, 0L) > 0;
    }

    /** Children of a family name below which their carers' names are too few to count a share from. */
    static final long MIN_FAMILY_FOR_CARER_SHARE = 5;

    /**
     * The share of children indexed under {@code key}: its count with one child's worth of prior at the typical share,
     * {@code (count + 1) / (children + 1 / typical)}, the typical share when nothing is counted (an empty register, a
     * name never seen). Until session 17 the prior was {@link #PRIOR_CHILDREN} children at the typical share, which
     * says every name is within about a third of it; names are not like that (a few are held by one child in a
     * hundred, a long tail by fewer than one in a thousand), so on the national-density slice a name held by one child
     * of 2,970 read as held by eight (3 bits too common) and one held by 300 as held by 232 (the unsafe way).
     */
    double share(String key, double typical) {
        long count = counts.getOrDefault(key, 0L);
        return (count + 1) / (children + 1 / typical);
    }
}
