package org.contactpoint.identity.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SurvivorshipTest {

    private static final Instant THEN = Instant.parse("2026-11-02T10:15:00Z");

    @Test
    void aLocalAuthoritysEditWinsOverEveryFeedTrustedOrNot() {
        assertThat(Survivorship.decide(Survivorship.Field.ADDRESS, Survivorship.LOCAL_AUTHORITY_EDIT, THEN,
                "HEALTH_DEMOGRAPHICS", true).outcome()).isEqualTo(Survivorship.Outcome.KEPT);
        assertThat(Survivorship.decide(Survivorship.Field.ADDRESS, Survivorship.LOCAL_AUTHORITY_EDIT, THEN,
                "BENEFITS", false).outcome()).isEqualTo(Survivorship.Outcome.KEPT);
    }

    @Test
    void theMostRecentRecordOfATrustedSourceWins() {
        assertThat(Survivorship.decide(Survivorship.Field.ADDRESS, "HEALTH_DEMOGRAPHICS", THEN, "SCHOOL_CENSUS",
                true).outcome()).isEqualTo(Survivorship.Outcome.APPLIED);
        assertThat(Survivorship.decide(Survivorship.Field.PARENTS_CARERS, null, null, "SCHOOL_CENSUS", true)
                .outcome()).isEqualTo(Survivorship.Outcome.APPLIED);
    }

    @Test
    void aSourceThatIsNotTrustedSayingOtherwiseIsAConflictWithItsReason() {
        Survivorship.Verdict verdict = Survivorship.decide(Survivorship.Field.ADDRESS, "HEALTH_DEMOGRAPHICS", THEN,
                "BENEFITS", false);
        assertThat(verdict.outcome()).isEqualTo(Survivorship.Outcome.CONFLICT);
        assertThat(verdict.reason()).contains("BENEFITS is not a trusted source").contains("HEALTH_DEMOGRAPHICS");
    }
}
