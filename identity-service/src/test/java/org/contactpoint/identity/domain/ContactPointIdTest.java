package org.contactpoint.identity.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactPointIdTest {

    @Test
    void issuedIdsAreValidAndUnlikeEachOther() {
        String first = ContactPointId.issue();
        assertThat(first).matches("CP\\d{10}");
        assertThat(ContactPointId.isValid(first)).isTrue();
        assertThat(ContactPointId.issue()).isNotEqualTo(first);
    }

    @Test
    void everySingleDigitErrorAndAdjacentSwapIsCaught() {
        for (int n = 0; n < 200; n++) {
            String id = ContactPointId.issue();
            char[] digits = id.substring(2).toCharArray();
            for (int i = 0; i < digits.length; i++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d == digits[i]) {
                        continue;
                    }
                    char[] typo = digits.clone();
                    typo[i] = d;
                    assertThat(ContactPointId.isValid("CP" + new String(typo))).as("typo of %s", id).isFalse();
                }
                if (i + 1 < digits.length && digits[i] != digits[i + 1]) {
                    char[] swapped = digits.clone();
                    swapped[i] = digits[i + 1];
                    swapped[i + 1] = digits[i];
                    assertThat(ContactPointId.isValid("CP" + new String(swapped))).as("swap in %s", id).isFalse();
                }
            }
        }
    }

    @Test
    void malformedIdsAreInvalid() {
        assertThat(ContactPointId.isValid(null)).isFalse();
        assertThat(ContactPointId.isValid("CP123")).isFalse();
        assertThat(ContactPointId.isValid("XX" + ContactPointId.issue().substring(2))).isFalse();
    }
}
