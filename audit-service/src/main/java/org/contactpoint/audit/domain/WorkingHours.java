package org.contactpoint.audit.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/** Working hours in a zone: {@code [start, end)} local time on working days (daylight saving included). */
public record WorkingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days, ZoneId zone) {

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }

    /**
     * When the out-of-hours period holding {@code instant} began: the end of the last working day before it (Friday
     * 20:00 for a Saturday lookup, Tuesday 20:00 for one at 06:59 on Wednesday). One night or one weekend is one
     * period, so the rule raises one alert per user per period. With no working day in the week before, the period
     * is the local day.
     */
    public Instant outOfHoursPeriodStart(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        for (int back = 0; back <= 7; back++) {
            LocalDate day = local.toLocalDate().minusDays(back);
            if (days.contains(day.getDayOfWeek())) {
                ZonedDateTime dayEnded = day.atTime(end).atZone(zone);
                if (!dayEnded.isAfter(local)) {
                    return dayEnded.toInstant();
                }
            }
        }
        return local.toLocalDate().atStartOfDay(zone).toInstant();
    }
}
