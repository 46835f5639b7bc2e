package org.contactpoint.gateway.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's demo users file, as the demo sign-in reads it. */
class DemoUserTest {

    @Test
    void demoUsersAreReadInTheLocalRunsFormat() {
        var user = DemoUser.parse(
                "social-worker|Ms Hannah Clarke|practitioner,child-protection|Islington Children's Social Care|LA-E09000019|E09000019")
                .orElseThrow();
        assertThat(user.roles()).containsExactly("practitioner", "child-protection");
        assertThat(user.organisationCode()).isEqualTo("LA-E09000019");
        assertThat(DemoUser.parse("auditor|Ms Ruth Okonkwo|auditor|ContactPoint Audit Team|CP-AUDIT|")
                .orElseThrow().localAuthority()).isNull();
        assertThat(DemoUser.parse("# username | display name")).isEmpty();
        assertThat(DemoUser.parse("   ")).isEmpty();
    }
}
