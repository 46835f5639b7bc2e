package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation in the gateway's OpenAPI document refuses forged, expired and misaddressed tokens (401) and the
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
                .pathValue("contactPointId", GatewayFixtures.newContactPointId())
                .pathValue("involvementId", java.util.UUID.randomUUID().toString())
                .pathValue("notificationId", java.util.UUID.randomUUID().toString())
                .publicOperation("GET /demo/users", "the local demo sign-in page lists its demo users")
                .publicOperation("POST /demo/token", "demo sign-in; refuses unless the issuer is the local one")
                .requires("GET /children", "practitioner", "child-protection", "la-management")
                .requires("GET /children/{contactPointId}", "practitioner", "child-protection", "la-management")
                .requires("POST /admin/read-model/rebuild", "administrator")
                // The LA team's reports (issue 23).
                .requires("GET /local-authority-reports/children-without-school", "la-management")
                .requires("GET /local-authority-reports/children-moved-in-without-school-or-gp", "la-management")
                .requires("GET /local-authority-reports/children-without-gp", "la-management")
                .requires("GET /local-authority-reports/children-missing-education.csv", "la-management")
                // The page's self-service, passed through to involvement-service with the caller's token.
                .requires("POST /self-service/involvements", "practitioner")
                .requires("POST /self-service/involvements/{involvementId}/cease", "practitioner")
                .requires("POST /self-service/involvements/{involvementId}/brokering-requests", "practitioner",
                        "la-management")
                .requires("GET /self-service/notifications", "practitioner", "la-management")
                .requires("GET /la-team/access-notifications", "la-management")
                .requires("POST /la-team/access-notifications/{notificationId}/acknowledgement", "la-management")
                .requires("POST /la-team/accounts", "la-management")
                .requires("GET /la-team/accounts", "la-management")
                .requires("GET /la-team/accounts/{userId}", "la-management")
                .requires("POST /la-team/accounts/{userId}/closure", "la-management")
                .requires("POST /la-team/accounts/{userId}/suspension", "la-management")
                .requires("DELETE /la-team/accounts/{userId}/suspension", "la-management")
                .requires("GET /la-team/data-quality", "la-management")
                .requires("GET /la-team/investigations", "la-management")
                .requires("POST /la-team/investigations/{investigationId}/closure", "la-management")
                .requires("POST /la-team/partner-organisations", "la-management")
                .requires("GET /la-team/partner-organisations", "la-management")
                .requires("GET /la-team/usage-reports", "la-management")
                .requires("POST /self-service/notifications/{notificationId}/acknowledgement", "practitioner",
                        "la-management")
                .verify();
        assertThat(sent).isGreaterThan(30);
    }
}
