package org.contactpoint.involvement.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BasisTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-10-01T10:00:00Z");

    @Test
    void ordinaryServicesNeedNoBasis() {
        assertThat(Basis.check(ServiceType.SCHOOL, null, NOW)).isEmpty();
    }

    @Test
    void everySensitiveServiceNeedsOne() {
        for (ServiceType type : ServiceType.values()) {
            assertThat(Basis.check(type, null, NOW).isEmpty()).as("%s without a basis", type)
                    .isEqualTo(!type.sensitive());
        }
        assertThat(ServiceType.SEXUAL_HEALTH.sensitive()).isTrue();
        assertThat(ServiceType.MENTAL_HEALTH.sensitive()).isTrue();
        assertThat(ServiceType.SUBSTANCE_MISUSE.sensitive()).isTrue();
        assertThat(ServiceType.CAMHS.sensitive()).isFalse();
    }

    @Test
    void childConsentCountsOnlyWithSufficientUnderstandingAndAScope() {
        assertThat(Basis.check(ServiceType.SEXUAL_HEALTH,
                new Basis(Basis.Kind.CHILD_CONSENT, null, EARLIER, "share with school", true), NOW)).isEmpty();
        assertThat(Basis.check(ServiceType.SEXUAL_HEALTH,
                new Basis(Basis.Kind.CHILD_CONSENT, null, EARLIER, "share with school", false), NOW))
                .extracting(Basis.Violation::field).containsExactly("consent.sufficientUnderstanding");
        assertThat(Basis.check(ServiceType.SEXUAL_HEALTH,
                new Basis(Basis.Kind.CHILD_CONSENT, null, EARLIER, " ", true), NOW))
                .extracting(Basis.Violation::field).containsExactly("consent.scope");
    }

    @Test
    void parentConsentNeedsWhoWhenAndScopeAndSignificantHarmNeedsWhoDeclaredIt() {
        assertThat(Basis.check(ServiceType.MENTAL_HEALTH,
                new Basis(Basis.Kind.PARENT_CARER_CONSENT, null, null, null, null), NOW))
                .extracting(Basis.Violation::field)
                .containsExactlyInAnyOrder("consent.givenBy", "consent.recordedAt", "consent.scope");
        assertThat(Basis.check(ServiceType.MENTAL_HEALTH,
                new Basis(Basis.Kind.PARENT_CARER_CONSENT, "Grace Okafor", NOW.plusSeconds(60), "all", null), NOW))
                .extracting(Basis.Violation::reason).containsExactly("must not be in the future");
        assertThat(Basis.check(ServiceType.SUBSTANCE_MISUSE,
                new Basis(Basis.Kind.SIGNIFICANT_HARM, "Team manager J. Patel", EARLIER, null, null), NOW)).isEmpty();
        assertThat(Basis.check(ServiceType.SUBSTANCE_MISUSE,
                new Basis(Basis.Kind.SIGNIFICANT_HARM, null, EARLIER, null, null), NOW))
                .extracting(Basis.Violation::field).containsExactly("consent.givenBy");
    }
}
