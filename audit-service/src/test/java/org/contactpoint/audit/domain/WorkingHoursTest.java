package org.contactpoint.audit.domain;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** One night or one weekend is one out-of-hours period: the out-of-hours rule's alert covers exactly one. */
class WorkingHoursTest {

    private final WorkingHours london = new WorkingHours(LocalTime.of(7, 0), LocalTime.of(20, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/London"));

    @Test
    void aNightBeginsWhenTheWorkingDayBeforeItEnds() {
        // 06:59 on Wednesday 18 November 2026 (GMT): the night began at 20:00 on Tuesday.
        assertThat(london.outOfHoursPeriodStart(Instant.parse("2026-11-18T06:59:00Z")))
                .isEqualTo(Instant.parse("2026-11-17T20:00:00Z"));
        assertThat(london.outOfHoursPeriodStart(Instant.parse("2026-11-17T23:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-17T20:00:00Z"));
    }

    @Test
    void aWeekendIsOnePeriodFromFridayEveningToMondayMorning() {
        Instant fridayEvening = Instant.parse("2026-11-20T20:00:00Z");
        assertThat(london.outOfHoursPeriodStart(Instant.parse("2026-11-21T10:00:00Z"))).isEqualTo(fridayEvening);
        assertThat(london.outOfHoursPeriodStart(Instant.parse("2026-11-22T23:00:00Z"))).isEqualTo(fridayEvening);
        assertThat(london.outOfHoursPeriodStart(Instant.parse("2026-11-23T06:00:00Z"))).isEqualTo(fridayEvening);
    }

    @Test
    void summerTimeIsLondonTime() {
        // 21:00 BST on Wednesday 15 July 2026 is 20:00Z; the day ended at 20:00 BST, 19:00Z.
        assertThat(london.outOfHoursPeriodStart(Instant.parse("2026-07-15T20:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-15T19:00:00Z"));
    }
}
