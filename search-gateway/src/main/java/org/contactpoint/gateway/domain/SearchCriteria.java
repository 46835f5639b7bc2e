package org.contactpoint.gateway.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A demographic search that has met the minimum criteria.
 *
 * @param dateOfBirthFrom first date of birth searched (inclusive); null when searching by postcode
 * @param dateOfBirthTo   last date of birth searched (inclusive)
 * @param exactBirthday   a full date of birth was given (not a month, a year or a range)
 * @param gender          null when not given
 * @param postcode        compact upper-case postcode; null when not given
 */
public record SearchCriteria(String familyName, String givenNames, LocalDate dateOfBirthFrom,
                             LocalDate dateOfBirthTo, boolean exactBirthday, String gender, String postcode) {

    /** Up to a month of birthdays is narrow enough to drive the search; beyond it the name index leads. */
    static final long NARROW_DATE_WINDOW_DAYS = 31;

    public enum Driver { DATE_OF_BIRTH, NAME, POSTCODE }

    /** Which index leads the query plan. */
    public Driver driver() {
        if (dateOfBirthFrom == null) {
            return Driver.POSTCODE;
        }
        return ChronoUnit.DAYS.between(dateOfBirthFrom, dateOfBirthTo) < NARROW_DATE_WINDOW_DAYS
                ? Driver.DATE_OF_BIRTH : Driver.NAME;
    }

    public boolean dateGiven() {
        return dateOfBirthFrom != null;
    }
}
