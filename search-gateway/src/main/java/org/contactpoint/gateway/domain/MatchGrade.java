package org.contactpoint.gateway.domain;

/**
 * How sure the gateway is that a result is the child searched for, shown instead of a raw score.
 * {@code EXACT}: every criterion given matched exactly. {@code STRONG}: the name matched through a known equivalence
 * (former name, one part of a multi-part surname, nickname, same sound, a one-letter slip) and nothing contradicts.
 * {@code POSSIBLE}: a looser match worth a human's look.
 */
public enum MatchGrade {
    EXACT,
    STRONG,
    POSSIBLE;

    /** How well one name criterion matched, as the search query rates it. */
    public enum Level {
        /** the criterion was not given */
        NOT_GIVEN,
        NONE,
        LOOSE,
        EQUIVALENT,
        EXACT;

        public static Level of(int databaseLevel) {
            return switch (databaseLevel) {
                case 3 -> EXACT;
                case 2 -> EQUIVALENT;
                case 1 -> LOOSE;
                case -1 -> NOT_GIVEN;
                default -> NONE;
            };
        }
    }

    /**
     * Grades a candidate.
     *
     * @param family       how the family name matched (always given for a demographic search)
     * @param given        how the given name matched
     * @param exactBirthday whether a full date of birth was given and matched (false for a month or a range)
     * @param dateGiven    whether any date of birth criterion was given
     */
    public static MatchGrade of(Level family, Level given, boolean exactBirthday, boolean dateGiven) {
        boolean givenExact = given == Level.EXACT || given == Level.NOT_GIVEN;
        boolean givenStrong = givenExact || given == Level.EQUIVALENT;
        if (family == Level.EXACT && givenExact && (exactBirthday || !dateGiven)) {
            return EXACT;
        }
        if ((family == Level.EXACT || family == Level.EQUIVALENT) && givenStrong) {
            return STRONG;
        }
        return POSSIBLE;
    }
}
