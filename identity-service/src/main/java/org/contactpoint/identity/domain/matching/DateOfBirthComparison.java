package org.contactpoint.identity.domain.matching;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compares dates of birth the way they go wrong in practice: day and month swapped (US-style entry), one digit
 * mistyped or two adjacent digits swapped, or one unit out (a day, a month or a year).
 */
public final class DateOfBirthComparison {

    public enum Level { EXACT, DAY_MONTH_TRANSPOSED, ONE_DIGIT, OFF_BY_ONE, DIFFERENT }

    private static final DateTimeFormatter DIGITS = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private DateOfBirthComparison() {
    }

    public static Level compare(LocalDate a, LocalDate b) {
        if (a.equals(b)) {
            return Level.EXACT;
        }
        if (a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue()) {
            return Level.DAY_MONTH_TRANSPOSED;
        }
        String x = digits(a);
        String y = digits(b);
        if (oneDigitApart(x, y)) {
            return Level.ONE_DIGIT;
        }
        if (a.plusDays(1).equals(b) || a.minusDays(1).equals(b)
                || sameDayOtherwise(a, b, a.getYear(), a.getMonthValue() + 1)
                || sameDayOtherwise(a, b, a.getYear(), a.getMonthValue() - 1)
                || sameDayOtherwise(a, b, a.getYear() + 1, a.getMonthValue())
                || sameDayOtherwise(a, b, a.getYear() - 1, a.getMonthValue())) {
            return Level.OFF_BY_ONE;
        }
        return Level.DIFFERENT;
    }

    /**
     * Every date that {@link #compare} would not call {@link Level#DIFFERENT} from {@code dob}: the probe side of
     * date-of-birth blocking.
     */
    public static Set<LocalDate> nearMisses(LocalDate dob) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        dates.add(dob);
        add(dates, dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
        String digits = digits(dob);
        for (int i = 0; i < digits.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                char[] typo = digits.toCharArray();
                typo[i] = d;
                parse(new String(typo), dates);
            }
            if (i + 1 < digits.length()) {
                char[] swapped = digits.toCharArray();
                swapped[i] = digits.charAt(i + 1);
                swapped[i + 1] = digits.charAt(i);
                parse(new String(swapped), dates);
            }
        }
        dates.add(dob.plusDays(1));
        dates.add(dob.minusDays(1));
        add(dates, dob.getYear(), dob.getMonthValue() + 1, dob.getDayOfMonth());
        add(dates, dob.getYear(), dob.getMonthValue() - 1, dob.getDayOfMonth());
        add(dates, dob.getYear() + 1, dob.getMonthValue(), dob.getDayOfMonth());
        add(dates, dob.getYear() - 1, dob.getMonthValue(), dob.getDayOfMonth());
        return dates;
    }

    private static boolean sameDayOtherwise(LocalDate a, LocalDate b, int year, int month) {
        return month >= 1 && month <= 12 && b.getYear() == year && b.getMonthValue() == month
                && b.getDayOfMonth() == a.getDayOfMonth();
    }

    private static boolean oneDigitApart(String x, String y) {
        int first = -1;
        int differences = 0;
        for (int i = 0; i < x.length(); i++) {
            if (x.charAt(i) != y.charAt(i)) {
                differences++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (differences == 1) {
            return true;
        }
        return differences == 2 && first + 1 < x.length() && x.charAt(first) == y.charAt(first + 1)
                && x.charAt(first + 1) == y.charAt(first);
    }

    /**
     * The date as {@code uuuuMMdd}, built by hand: it is compared with every candidate's, and the formatter was
     * a measurable part of a bulk load's matching (issue 17, session 13).
     */
    private static String digits(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return DIGITS.format(date);
        }
        int value = year * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        char[] digits = new char[8];
        for (int i = 7; i >= 0; i--) {
            digits[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }

    private static void add(Set<LocalDate> dates, int year, int month, int day) {
        if (month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
            dates.add(LocalDate.of(year, month, day));
        }
    }

    /**
     * Adds the date the eight digits ({@code uuuuMMdd}) spell, if they spell one. Checked by hand rather than by a
     * strict formatter whose refusal is an exception: most typos of a date are no date, and blocking makes some
     * eighty of them per record, so the exceptions' stack traces were two fifths of the import worker's CPU time.
     */
    private static void parse(String digits, Set<LocalDate> dates) {
        int year = Integer.parseInt(digits, 0, 4, 10);
        int month = Integer.parseInt(digits, 4, 6, 10);
        int day = Integer.parseInt(digits, 6, 8, 10);
        if (month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))) {
            dates.add(LocalDate.of(year, month, day));
        }
    }
}
