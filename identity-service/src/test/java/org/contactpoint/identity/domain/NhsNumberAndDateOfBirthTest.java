package org.contactpoint.identity.domain;

import org.contactpoint.events.NhsNumbers;
import org.contactpoint.identity.domain.matching.DateOfBirthComparison;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.DAY_MONTH_TRANSPOSED;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.DIFFERENT;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.EXACT;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.OFF_BY_ONE;
import static org.contactpoint.identity.domain.matching.DateOfBirthComparison.Level.ONE_DIGIT;

class NhsNumberAndDateOfBirthTest {

    @Test
    void nhsNumberCheckDigitIsMod11() {
        assertThat(NhsNumbers.isValid("9434765919")).isTrue();
        assertThat(NhsNumbers.isValid("943 476 5919")).isTrue();
        assertThat(NhsNumbers.isValid("4010232137")).isTrue();
        // Every single-digit change of a valid number is caught.
        String valid = "9434765919";
        for (int i = 0; i < 10; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != valid.charAt(i)) {
                    String typo = valid.substring(0, i) + d + valid.substring(i + 1);
                    assertThat(NhsNumbers.isValid(typo)).as(typo).isFalse();
                }
            }
        }
        // A remainder that gives check digit 10 means the number is never issued.
        assertThat(NhsNumbers.isValid("0500000000")).isFalse();
        assertThat(NhsNumbers.isValid("943476591")).isFalse();
        assertThat(NhsNumbers.isValid("94347659190")).isFalse();
        assertThat(NhsNumbers.isValid("94347A5919")).isFalse();
        assertThat(NhsNumbers.isValid(null)).isFalse();
    }

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
