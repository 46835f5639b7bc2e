package org.contactpoint.identity.domain;

import org.contactpoint.events.NhsNumbers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared NHS number rule, as identity relies on it for the identifiers it matches on. */
class NhsNumbersTest {

    @Test
    void nhsNumberCheckDigitIsMod11() {
        assertThat(NhsNumbers.isValid("9434765919")).isTrue();
        assertThat(NhsNumbers.isValid("943 476 5919")).isTrue();
        assertThat(NhsNumbers.isValid("943-476-5919")).as("hyphens, as identity always accepted").isTrue();
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
}
