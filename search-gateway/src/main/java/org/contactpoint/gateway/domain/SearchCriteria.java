package org.contactpoint.gateway.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The dates a full date of birth is also searched as, ranked below it: the slips identity-service's matching
     * also forgives. Empty unless a full date was given.
     */
    public List<LocalDate> transposedBirthdays() {
        return exactBirthday ? transpositions(dateOfBirthFrom) : List.of();
    }

    /**
     * Day and month swapped (when both are 12 or less) and the day's two digits swapped (when that is a real day of
     * the month), each only when it differs from the date itself: 2016-03-14 -> 2016-03-41 is no date, 2016-05-03 ->
     * 2016-03-05 and 2016-05-30.
     */
    public static List<LocalDate> transpositions(LocalDate date) {
        List<LocalDate> dates = new ArrayList<>();
        int day = date.getDayOfMonth();
        int month = date.getMonthValue();
        if (day <= 12 && day != month) {
            dates.add(LocalDate.of(date.getYear(), day, month));
        }
        int digitsSwapped = (day % 10) * 10 + day / 10;
        if (digitsSwapped != day && digitsSwapped >= 1) {
            try {
                LocalDate swapped = LocalDate.of(date.getYear(), month, digitsSwapped);
                if (!dates.contains(swapped)) {
                    dates.add(swapped);
                }
            } catch (DateTimeException notARealDay) {
                // e.g. the 29th read as the 92nd: no such date to search
            }
        }
        return dates;
    }
}
