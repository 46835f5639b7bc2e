package org.contactpoint.gateway.domain.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Compulsory school age in England (Education Act 1996 s.8): a child is of compulsory school age from the first
 * prescribed day (31 December, 31 March, 31 August) on or after their 5th birthday, that is from the term after it,
 * until the last Friday of June in the school year (1 September to 31 August) in which they turn 16. Applied to a
 * whole day: a child is of age on {@code today} when both bounds hold on it.
 */
public final class CompulsorySchoolAge {

    private static final List<MonthDay> PRESCRIBED_DAYS =
            List.of(MonthDay.of(3, 31), MonthDay.of(8, 31), MonthDay.of(12, 31));

    private CompulsorySchoolAge() {
    }

    /** The dates of birth of the children who are of compulsory school age on {@code today}, both ends included. */
    public record BirthDates(LocalDate earliest, LocalDate latest) {
    }

    /** Whether a child born on {@code dateOfBirth} is of compulsory school age on {@code today}. */
    public static boolean isOfAge(LocalDate dateOfBirth, LocalDate today) {
        return !today.isBefore(starts(dateOfBirth)) && !today.isAfter(ends(dateOfBirth));
    }

    /** The day compulsory school age starts: the first prescribed day on or after the 5th birthday. */
    public static LocalDate starts(LocalDate dateOfBirth) {
        LocalDate fifth = dateOfBirth.plusYears(5);
        for (int year = fifth.getYear(); ; year++) {
            for (MonthDay day : PRESCRIBED_DAYS) {
                LocalDate prescribed = day.atYear(year);
                if (!prescribed.isBefore(fifth)) {
                    return prescribed;
                }
            }
        }
    }

    /** The last day of compulsory school age: the last Friday of June of the school year the child turns 16. */
    public static LocalDate ends(LocalDate dateOfBirth) {
        LocalDate sixteenth = dateOfBirth.plusYears(16);
        int schoolYearEnds = sixteenth.getMonthValue() >= 9 ? sixteenth.getYear() + 1 : sixteenth.getYear();
        return LocalDate.of(schoolYearEnds, 6, 30).with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY));
    }

    /**
     * The dates of birth of every child of compulsory school age on {@code today}, as a range a query can use. Both
     * bounds move with birth dates (a later birth starts and ends later), so the set is one contiguous range.
     */
    public static BirthDates on(LocalDate today) {
        // Latest: the youngest child already started, i.e. whose 5th birthday is on or before the last prescribed day
        // on or before today.
        LocalDate lastPrescribed = null;
        for (int year = today.getYear(); lastPrescribed == null; year--) {
            for (MonthDay day : PRESCRIBED_DAYS) {
                LocalDate prescribed = day.atYear(year);
                if (!prescribed.isAfter(today) && (lastPrescribed == null || prescribed.isAfter(lastPrescribed))) {
                    lastPrescribed = prescribed;
                }
            }
        }
        LocalDate latest = lastPrescribed.minusYears(5);
        while (!starts(latest.plusDays(1)).isAfter(today)) {
            latest = latest.plusDays(1);
        }
        while (starts(latest).isAfter(today)) {
            latest = latest.minusDays(1);
        }
        // Earliest: the oldest child whose school year of turning 16 has not ended by today.
        int leavingYear = today.isAfter(LocalDate.of(today.getYear(), 6, 30)
                .with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY))) ? today.getYear() + 1 : today.getYear();
        LocalDate earliest = LocalDate.of(leavingYear - 17, 9, 1);
        return new BirthDates(earliest, latest);
    }

    /** Whole years of age on {@code today}. */
    public static int age(LocalDate dateOfBirth, LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }
}
