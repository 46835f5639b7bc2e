package org.contactpoint.gateway.domain.reports;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CompulsorySchoolAgeTest {

    @Test
    void startsOnThePrescribedDayAfterTheFifthBirthday() {
        // 5 on 14 March 2021: of age from 31 March 2021 (the summer term).
        assertThat(CompulsorySchoolAge.starts(LocalDate.of(2016, 3, 14))).isEqualTo(LocalDate.of(2021, 3, 31));
        // 5 on 1 September: from 31 December (the spring term).
        assertThat(CompulsorySchoolAge.starts(LocalDate.of(2016, 9, 1))).isEqualTo(LocalDate.of(2021, 12, 31));
        // 5 on a prescribed day: from that day.
        assertThat(CompulsorySchoolAge.starts(LocalDate.of(2016, 8, 31))).isEqualTo(LocalDate.of(2021, 8, 31));
    }

    @Test
    void endsOnTheLastFridayOfJuneOfTheSchoolYearTheyTurnSixteen() {
        // 16 on 14 March 2032 (school year 2031/32): last Friday of June 2032 is the 25th.
        assertThat(CompulsorySchoolAge.ends(LocalDate.of(2016, 3, 14))).isEqualTo(LocalDate.of(2032, 6, 25));
        // 16 on 1 September 2032 (school year 2032/33): June 2033's last Friday is the 24th.
        assertThat(CompulsorySchoolAge.ends(LocalDate.of(2016, 9, 1))).isEqualTo(LocalDate.of(2033, 6, 24));
        // 16 on 31 August 2032: still the school year 2031/32.
        assertThat(CompulsorySchoolAge.ends(LocalDate.of(2016, 8, 31))).isEqualTo(LocalDate.of(2032, 6, 25));
    }

    @Test
    void theBirthDateRangeHoldsExactlyTheChildrenOfAge() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        for (int d = 0; d < 800; d += 7) {
            LocalDate today = start.plusDays(d);
            CompulsorySchoolAge.BirthDates range = CompulsorySchoolAge.on(today);
            for (LocalDate born = today.minusYears(18); born.isBefore(today.minusYears(3)); born = born.plusDays(1)) {
                boolean inRange = !born.isBefore(range.earliest()) && !born.isAfter(range.latest());
                assertThat(inRange).as("born %s on %s", born, today)
                        .isEqualTo(CompulsorySchoolAge.isOfAge(born, today));
            }
        }
    }
}
