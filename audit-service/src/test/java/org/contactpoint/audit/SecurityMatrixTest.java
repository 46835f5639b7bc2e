package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation in audit-service's OpenAPI document refuses forged, expired and misaddressed tokens (401) and the
 * wrong roles (403). A new operation fails this test until it is listed here with its roles.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SecurityMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesBadTokensAndWrongRoles() {
        int sent = SecurityMatrix.of(base)
                .pathValue("childId", Fixtures.newChildId())
                .pathValue("id", java.util.UUID.randomUUID().toString())
                .requires("GET /audit-records", "auditor")
                .requires("GET /audit-chain/verification", "auditor")
                .requires("GET /children/{childId}/access-report", "auditor")
                .requires("GET /children/{childId}/recent-accesses", "practitioner")
                .requires("GET /access-notifications", "la-management")
                .requires("POST /access-notifications/{id}/acknowledgement", "la-management")
                .pathValue("userId", java.util.UUID.randomUUID().toString())
                .requires("GET /accounts", "la-management")
                .requires("POST /accounts", "la-management")
                .requires("GET /accounts/{userId}", "la-management")
                .requires("POST /accounts/{userId}/suspension", "la-management")
                .requires("DELETE /accounts/{userId}/suspension", "la-management")
                .requires("POST /accounts/{userId}/closure", "la-management")
                .requires("GET /partner-organisations", "la-management", "administrator")
                .requires("POST /partner-organisations", "la-management", "administrator")
                .requires("GET /investigations", "la-management")
                .requires("POST /investigations/{id}/closure", "la-management")
                .requires("GET /usage-reports", "la-management", "national-overview", "administrator")
                .requires("GET /v2/audit-records", "auditor")
                .requires("GET /v2/access-notifications", "la-management")
                .requires("GET /v2/accounts", "la-management")
                .requires("GET /v2/investigations", "la-management")
                .verify();
        assertThat(sent).isGreaterThan(40);
    }
}
