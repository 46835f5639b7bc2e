package org.contactpoint.identity.domain.matching;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.DAY_MONTH_TRANSPOSED;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.DIFFERENT;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.EXACT;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.OFF_BY_ONE;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.ONE_DIGIT;

class DateOfBirthComparisonTest {

    @Test
    void datesOfBirthCompareByHowTheyGoWrong() {
        LocalDate dob = LocalDate.of(2016, 3, 14);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2016, 3, 14))).isEqualTo(EXACT);
        assertThat(DateOfBirthComparison.compare(LocalDate.of(2016, 3, 4), LocalDate.of(2016, 4, 3)))
                .isEqualTo(DAY_MONTH_TRANSPOSED);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2016, 3, 17))).isEqualTo(ONE_DIGIT);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2016, 3, 41 - 27))).isEqualTo(EXACT);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2061, 3, 14))).isEqualTo(ONE_DIGIT);
        assertThat(DateOfBirthComparison.compare(LocalDate.of(2016, 3, 31), LocalDate.of(2016, 4, 1)))
                .isEqualTo(OFF_BY_ONE);
        assertThat(DateOfBirthComparison.compare(LocalDate.of(2019, 12, 5), LocalDate.of(2020, 12, 5)))
                .isEqualTo(OFF_BY_ONE);
        assertThat(DateOfBirthComparison.compare(dob, LocalDate.of(2015, 9, 2))).isEqualTo(DIFFERENT);

        // Blocking looks up every near miss, so none of them can hide a duplicate.
        for (LocalDate other : DateOfBirthComparison.nearMisses(dob)) {
            assertThat(DateOfBirthComparison.compare(dob, other)).as("%s", other).isNotEqualTo(DIFFERENT);
        }
        assertThat(DateOfBirthComparison.nearMisses(dob)).contains(LocalDate.of(2016, 3, 13),
                LocalDate.of(2016, 4, 14), LocalDate.of(2017, 3, 14), LocalDate.of(2016, 3, 41 - 27));
    }
}
