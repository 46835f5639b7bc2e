package org.contactpoint.gateway.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A demographic search that has met the minimum criteria: a family name with a date of birth or with gender and
 * postcode, or a given name with a full date of birth and postcode.
 *
 * @param familyName      null only when a given name, a full date of birth and a postcode were given
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

    /**
     * How far a slip of a year's digits is followed: to a year within 30 of the one typed, or to one within 30 before
     * today (the register holds children and young people to 25, and a little more for a late record).
     */
    static final int PLAUSIBLE_YEARS = 30;

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

    /**
     * The dates a slip in a full date of birth leads to, beyond its transpositions: a day, a month or a year out, or
     * one digit of {@code yyyy-mm-dd} wrong, never after {@code today} (no child was born then), within 30 years of
     * the year typed or of today. The second lets a slip in a year's first digits (1015 or 2075 typed for 2015) reach
     * the one year a child could have been born in, however far the typed year strayed. Empty unless a full date was
     * given.
     */
    public List<LocalDate> nearBirthdays(LocalDate today) {
        if (!exactBirthday) {
            return List.of();
        }
        LocalDate date = dateOfBirthFrom;
        Set<LocalDate> near = new LinkedHashSet<>();
        near.add(date.minusDays(1));
        near.add(date.plusDays(1));
        sameDay(date, date.minusMonths(1)).ifPresent(near::add);
        sameDay(date, date.plusMonths(1)).ifPresent(near::add);
        sameDay(date, date.minusYears(1)).ifPresent(near::add);
        sameDay(date, date.plusYears(1)).ifPresent(near::add);
        // Each digit of yyyymmdd in turn, checked as a date by hand: most of the 72 strings are no date, and a parser
        // would build an exception (with its stack trace) for each on every forgiving search.
        int[] digits = digits(date);
        for (int i = 0; i < digits.length; i++) {
            int was = digits[i];
            for (int d = 0; d <= 9; d++) {
                if (d != was) {
                    digits[i] = d;
                    LocalDate typed = date(digits);
                    if (typed != null && !typed.isAfter(today)
                            && (Math.abs(typed.getYear() - date.getYear()) <= PLAUSIBLE_YEARS
                            || typed.getYear() >= today.getYear() - PLAUSIBLE_YEARS)) {
                        near.add(typed);
                    }
                }
            }
            digits[i] = was;
        }
        near.remove(date);
        transpositions(date).forEach(near::remove);
        return List.copyOf(near);
    }

    /**
     * How a date of birth held differs from the full date given, when it is one a slip leads to; empty when it is the
     * date given or none a slip reaches.
     */
    public static Optional<MatchGrade.Variation> dateVariation(LocalDate given, LocalDate held) {
        if (held == null || given.equals(held)) {
            return Optional.empty();
        }
        if (transpositions(given).contains(held)) {
            return Optional.of(MatchGrade.Variation.DATE_TRANSPOSED);
        }
        long days = Math.abs(ChronoUnit.DAYS.between(given, held));
        if (days == 1) {
            return Optional.of(MatchGrade.Variation.DATE_DAY_OUT);
        }
        if (given.getDayOfMonth() == held.getDayOfMonth()) {
            long months = Math.abs(ChronoUnit.MONTHS.between(given.withDayOfMonth(1), held.withDayOfMonth(1)));
            if (months == 1) {
                return Optional.of(MatchGrade.Variation.DATE_MONTH_OUT);
            }
            if (months == 12 && given.getMonth() == held.getMonth()) {
                return Optional.of(MatchGrade.Variation.DATE_YEAR_OUT);
            }
        }
        int[] a = digits(given);
        int[] b = digits(held);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        // The held date is a real child's, so one digit apart is a slip however far the typed year strayed.
        return differing == 1 ? Optional.of(MatchGrade.Variation.DATE_DIGIT_WRONG) : Optional.empty();
    }

    private static Optional<LocalDate> sameDay(LocalDate date, LocalDate moved) {
        return moved.getDayOfMonth() == date.getDayOfMonth() ? Optional.of(moved) : Optional.empty();
    }

    /** The eight digits of yyyymmdd (a year outside 0-9999 never reaches here: dates come from a parsed query). */
    private static int[] digits(LocalDate date) {
        int year = date.getYear();
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        return new int[]{year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10, month / 10, month % 10,
                day / 10, day % 10};
    }

    /** The date these eight digits spell, or null when they spell none (month 13, 31 April, 29 February 2015). */
    private static LocalDate date(int[] digits) {
        int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
        int month = digits[4] * 10 + digits[5];
        int day = digits[6] * 10 + digits[7];
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }
}
