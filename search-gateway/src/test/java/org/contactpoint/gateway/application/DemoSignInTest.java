package org.contactpoint.gateway.application;

import org.contactpoint.gateway.security.DemoUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the demo sign-in may mint a token, and for whom. */
class DemoSignInTest {

    @Test
    void demoSignInMintsOnlyUnderTheLocalIssuerAndNeverForAdministratorsOrSealedRecords() {
        var normal = io.quarkus.runtime.LaunchMode.NORMAL;
        assertThat(DemoSignIn.issuerAllowsMinting("https://contactpoint.local", normal)).isTrue();
        assertThat(DemoSignIn.issuerAllowsMinting("https://login.contactpoint.gov.uk", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("https://contactpoint.local/", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting(null, normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("http://127.0.0.1:18084/realms/contactpoint", normal)).isTrue();
        assertThat(DemoSignIn.issuerAllowsMinting("https://127.0.0.1:18084/realms/contactpoint", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("http://keycloak.example:8080/realms/contactpoint", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("http://127.0.0.1:18084/realms/contactpoint.evil", normal)).isFalse();
        assertThat(DemoSignIn.issuerAllowsMinting("https://login.contactpoint.gov.uk",
                io.quarkus.runtime.LaunchMode.DEVELOPMENT)).isFalse();
        assertThat(DemoSignIn.mintable(DemoUser.parse(
                "teacher|Ms Priya Shah|practitioner|Hillside Primary School|URN100001|E09000033").orElseThrow())).isTrue();
        assertThat(DemoSignIn.mintable(DemoUser.parse(
                "admin|ContactPoint Administrator|administrator|ContactPoint Service Desk|CP-ADMIN|").orElseThrow()))
                .isFalse();
        assertThat(DemoSignIn.mintable(DemoUser.parse(
                "sealed|Sealed Records Officer|practitioner,sealed-records|ContactPoint|CP-SEALED|").orElseThrow()))
                .isFalse();
    }
}
