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

    /** Names held by one child or two read by Turing's estimate ({@link #share}). */
    static final int TURING_MOST_CHILDREN = 2;
    /**
     * Fewest names held by r and by r + 1 children for Turing's estimate of a name held by r: below it the ratio is
     * noise (a register's first hundreds of children, where every name is held once), and the count is read as before.
     */
    static final long TURING_FEWEST_NAMES = 100;

    private final Map<String, Long> counts;
    private final long children;
    private final long assumedChildren;
    private final NamesHeld namesHeld;

    /**
     * How many names of each kind the register holds exactly once, twice, three times: {@code gx:1} is the number of
     * given names (formal) held by one child each, {@code fx:2} of family names held by two. Counted with the
     * register's size, at the same moment.
     */
    public record NamesHeld(Map<String, Long> byKindAndChildren) {

        public static final NamesHeld NONE = new NamesHeld(Map.of());

        public NamesHeld {
            byKindAndChildren = Map.copyOf(byKindAndChildren);
        }

        /** The key a count of names is kept under: {@code gx:} or {@code fx:}, then how many children hold each. */
        public static String key(String kind, long children) {
            return kind + children;
        }

        long names(String kind, long children) {
            return byKindAndChildren.getOrDefault(key(kind, children), 0L);
        }
    }

    public TermFrequencies(Map<String, Long> counts, long children) {
        this(counts, children, NamesHeld.NONE);
    }

    public TermFrequencies(Map<String, Long> counts, long children, NamesHeld namesHeld) {
        this(counts, children, children, namesHeld);
    }

    private TermFrequencies(Map<String, Long> counts, long children, long assumedChildren, NamesHeld namesHeld) {
        this.counts = Map.copyOf(counts);
        this.children = children;
        this.assumedChildren = assumedChildren;
        this.namesHeld = namesHeld;
    }

    /**
     * The same counts on a register assumed to hold at least {@code floor} children, as the match probability's
     * prior assumes ({@link MatchProbability}). A birthday's share is then its children over that size, so the prior
     * (1 in the register) and a shared birthday's evidence (the register over the children born that day) leave one
     * in the children born that day, whatever the register's size: a slice of a few birthdays at national density
     * on a register floored at England's size weighs them as the whole register would.
     */
    public TermFrequencies onRegisterOfAtLeast(long floor) {
        return new TermFrequencies(counts, children, Math.max(children, floor), namesHeld);
    }

    public static TermFrequencies none() {
        return new TermFrequencies(Map.of(), 0);
    }

    /** How many given names (gx:) and family names (fx:) each count holds, from a full map of counts. */
    public static NamesHeld namesHeld(Map<String, Long> counts) {
        Map<String, Long> held = new java.util.HashMap<>();
        counts.forEach((key, children) -> {
            if ((key.startsWith("gx:") || key.startsWith("fx:")) && children >= 1
                    && children <= TURING_MOST_CHILDREN + 1) {
                held.merge(NamesHeld.key(key.substring(0, 3), children), 1L, Long::sum);
            }
        });
        return new NamesHeld(held);
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

    /** How many children are counted under {@code key} (0 when the key was not read or nobody is). */
    long count(String key) {
        return counts.getOrDefault(key, 0L);
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
        double smoothed = (count + 1) / (children + 1 / typical);
        double turing = turingCount(key, count);
        return Double.isNaN(turing) ? smoothed : Math.min(smoothed, turing / children);
    }

    /**
     * How many children's worth a name held by {@code count} children is, by Turing's estimate (Good, 1953: the
     * estimate of how often an unseen or rarely seen word recurs, from the register itself): (r + 1) N(r + 1) / N(r),
     * N(r) the number of names of that kind held by r children. A name held by one child of a sample is on average
     * rarer than one in the sample: most names of the long tail (a given name held by fewer than one child in 5,000)
     * are held by nobody in it, and the few held once stand for them all. On a register of 3,240 children at
     * national density (DenseBirthdays, seeds 18-20) a name held once is about half a child's worth (given names
     * 0.42-0.51, family names 0.53-0.56), where the smoothing read two: about 2 bits too common. On England's register
     * the ratio is England's. Only for names held
     * by one or two children, only where both N are {@link #TURING_FEWEST_NAMES} or more, never rarer for two
     * children than for one, and never more common than the smoothed share (which is already generous there): NaN
     * where it does not apply.
     */
    private double turingCount(String key, long count) {
        if (count < 1 || count > TURING_MOST_CHILDREN || key.length() < 3) {
            return Double.NaN;
        }
        String kind = key.substring(0, 3);
        double estimate = Double.NaN;
        for (long r = 1; r <= count; r++) {
            long held = namesHeld.names(kind, r);
            long heldOnceMore = namesHeld.names(kind, r + 1);
            if (held < TURING_FEWEST_NAMES || heldOnceMore < TURING_FEWEST_NAMES) {
                return Double.NaN;
            }
            double r1 = (double) (r + 1) * heldOnceMore / held;
            estimate = Double.isNaN(estimate) ? r1 : Math.max(estimate, r1);
        }
        return estimate;
    }
}
