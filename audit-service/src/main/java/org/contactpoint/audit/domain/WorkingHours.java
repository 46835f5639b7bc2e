package org.contactpoint.audit.domain;

import java.time.DayOfWeek;
import java.time.Instant;
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
}
