package org.contactpoint.gateway.domain;

/**
 * How sure the gateway is that a result is the child searched for, shown instead of a raw score.
 * {@code EXACT}: every criterion given matched exactly. {@code STRONG}: the name matched through a known equivalence
 * (former name, one part of a multi-part surname, nickname, same sound, a one-letter slip) and nothing contradicts.
 * {@code POSSIBLE}: a looser match worth a human's look. Each match also names its {@link Variation}s: how the
 * child differs from what was typed, so the practitioner sees why a child is offered.
 */
public enum MatchGrade {
    EXACT,
    STRONG,
    POSSIBLE;

    /** Why a child is offered although it differs from what was typed; none for a child matching as typed. */
    public enum Variation {
        /** found by a former family name or an alias */
        FORMER_NAME(true),
        /** found by one part of a multi-part family name (Jones for Smith-Jones), or the other way round */
        NAME_PART(true),
        /** the name is held in another script and matched once read in Latin letters (Иванов: Ivanov) */
        TRANSLITERATED(true),
        /** the family name sounds the same (Stevenson: Stephenson) */
        FAMILY_NAME_SOUNDS_ALIKE(true),
        /** the family name is one letter out (two for a long name: then a possible match only) */
        FAMILY_NAME_TYPO(true),
        /** given and family names swapped */
        NAMES_SWAPPED(true),
        /** the given name is a nickname of the one held, or the other way round (Sasha: Alexander, Alexandra) */
        NICKNAME(true),
        /** matched a preferred, former or alias given name, or one of several given names */
        OTHER_GIVEN_NAME(true),
        /** the given name sounds the same */
        GIVEN_NAME_SOUNDS_ALIKE(true),
        /** the given name is one letter out (two for a long name: then a possible match only) */
        GIVEN_NAME_TYPO(true),
        /** born on the date with day and month, or the day's two digits, swapped */
        DATE_TRANSPOSED(true),
        /** born a day before or after the date given */
        DATE_DAY_OUT(false),
        /** born on the same day of the month before or after */
        DATE_MONTH_OUT(false),
        /** born on the same day of the year before or after */
        DATE_YEAR_OUT(false),
        /** born on a date one digit away from the date given */
        DATE_DIGIT_WRONG(false),
        /** no family name was given: found by given name, date of birth and postcode */
        NO_FAMILY_NAME(true),
        /** held with the other sex */
        OTHER_SEX(false);

        private final boolean strong;

        Variation(boolean strong) {
            this.strong = strong;
        }

        /** Whether a match with only this variation can still be strong; otherwise it is at best possible. */
        public boolean strong() {
            return strong;
        }
    }

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
