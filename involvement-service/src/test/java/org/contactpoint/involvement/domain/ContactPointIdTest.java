package org.contactpoint.involvement.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactPointIdTest {

    @Test
    void idsIssuedByIdentityServiceAreValidAndTyposAreNot() {
        // Issued by identity-service's ContactPointId (the same Damm table): payload 123456789, check digit 4.
        assertThat(ContactPointId.isValid("CP1234567894")).isTrue();
        for (int digit = 0; digit <= 9; digit++) {
            if (digit != 4) {
                assertThat(ContactPointId.isValid("CP123456789" + digit)).isFalse();
            }
        }
        assertThat(ContactPointId.isValid("CP2134567894")).as("adjacent swap").isFalse();
        assertThat(ContactPointId.isValid("CP1234567884")).as("single-digit typo").isFalse();
    }

    @Test
    void malformedIdsAreInvalid() {
        assertThat(ContactPointId.isValid(null)).isFalse();
        assertThat(ContactPointId.isValid("CP123")).isFalse();
        assertThat(ContactPointId.isValid("XP1234567894")).isFalse();
        assertThat(ContactPointId.isValid("CP12345678941")).isFalse();
        assertThat(ContactPointId.isValid("cp1234567894")).isFalse();
    }
}
