package org.contactpoint.identity.domain.matching;

/**
 * What a score means on a register of a given size. A record names one child at most, so before any field is
 * compared the chance that it is one particular child of N is 1 in N: the prior. The score (log2 of the likelihood
 * ratio) moves those odds, so the same agreement of name and birthday that is convincing among 3,000 children is
 * not among 11 million, where 1,650 share each birthday.
 * <p>
 * A register smaller than {@code floor} is treated as that size: a near-empty register (a first load, a new
 * environment) would otherwise link on the evidence of a single field.
 */
public final class MatchProbability {

    private final double priorBits;

    private MatchProbability(double priorBits) {
        this.priorBits = priorBits;
    }

    public static MatchProbability onRegisterOf(long children, long floor) {
        return new MatchProbability(-log2(Math.max(Math.max(children, floor), 2)));
    }

    /** The chance the record is the candidate's child, given its score. */
    public double of(double score) {
        double bits = score + priorBits;
        return 1 / (1 + Math.pow(2, -bits));
    }

    /** The score at and above which the probability reaches {@code probability}: a threshold in the score's terms. */
    public double scoreFor(double probability) {
        return log2(probability / (1 - probability)) - priorBits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
