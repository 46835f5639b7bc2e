package org.contactpoint.gateway.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
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
        near.addAll(calendarMonthAway(date));
        near.addAll(calendarYearAway(date));
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
        if (calendarMonthAway(given).contains(held)) {
            return Optional.of(MatchGrade.Variation.DATE_MONTH_OUT);
        }
        if (calendarYearAway(given).contains(held)) {
            return Optional.of(MatchGrade.Variation.DATE_YEAR_OUT);
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

    /**
     * The dates a calendar month from this one, either way, as a month is counted in England (the corresponding date
     * rule): the same day of the month before and after, or that month's last day when it has no such day (a month
     * from 31 October is 30 November, and 30 September a month before it); and, from a month's last day, the later
     * days of a longer month next to it, which a month from falls on this day (30 September is a month from 30 and 31
     * August and from 30 and 31 October; 28 February 2021 from 28 to 31 January and March). So a month out is the same
     * relation whichever of the two dates was typed: a child born on the 31st is found by a date a month before or
     * after, and across the turn of a year (16 January 2024 for 16 December 2023) as within it.
     */
    static Set<LocalDate> calendarMonthAway(LocalDate date) {
        return calendarAway(date, Period.ofMonths(1));
    }

    /**
     * The dates a calendar year from this one, either way, by the same rule: the same day, or 28 February for a 29th
     * of February in a year without one, and 29 February from the 28th of a year without it.
     */
    static Set<LocalDate> calendarYearAway(LocalDate date) {
        return calendarAway(date, Period.ofYears(1));
    }

    private static Set<LocalDate> calendarAway(LocalDate date, Period step) {
        Set<LocalDate> away = new LinkedHashSet<>();
        boolean lastDay = date.getDayOfMonth() == date.lengthOfMonth();
        for (LocalDate moved : List.of(date.minus(step), date.plus(step))) {
            away.add(moved); // plusMonths and plusYears clamp to the last day of a shorter month
            if (lastDay) {
                for (int day = date.getDayOfMonth() + 1; day <= moved.lengthOfMonth(); day++) {
                    away.add(moved.withDayOfMonth(day));
                }
            }
        }
        return away;
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
