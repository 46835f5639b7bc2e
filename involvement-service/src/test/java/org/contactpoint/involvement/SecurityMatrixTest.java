package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation in involvement-service's OpenAPI document refuses forged, expired and misaddressed tokens (401)
 * and the wrong roles (403). A new operation fails this test until it is listed here with its roles.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SecurityMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesBadTokensAndWrongRoles() {
        int sent = SecurityMatrix.of(base)
                .requires("POST /involvements", "agency-system", "case-management", "practitioner")
                .requires("POST /involvements/batch", "agency-system", "case-management")
                .requires("GET /involvements", "practitioner", "la-management")
                .requires("GET /involvements/{id}", "practitioner", "la-management", "agency-system",
                        "case-management")
                .requires("POST /involvements/{id}/cease", "agency-system", "case-management", "practitioner",
                        "la-management")
                .requires("POST /involvements/{id}/consent-withdrawal", "agency-system", "case-management",
                        "la-management")
                .requires("POST /involvements/{id}/brokering-requests", "practitioner", "la-management")
                .requires("GET /brokering-requests", "la-management")
                .requires("GET /notifications", "agency-system", "case-management", "practitioner", "la-management")
                .requires("PUT /notifications/webhook", "agency-system", "case-management")
                .requires("POST /notifications/{id}/acknowledgement", "agency-system", "case-management",
                        "practitioner", "la-management")
                .requires("POST /brokering-requests/{id}/decision", "la-management")
                .requires("POST /audit-references/{reference}/resolution", "auditor")
                .requires("POST /involvement-imports", "agency-system")
                .requires("GET /involvement-imports/{id}", "agency-system")
                .requires("GET /involvement-imports/{id}/rejections", "agency-system")
                .requires("GET /submissions/{submissionId}", "agency-system", "case-management")
                .requires("GET /rejected-submissions", "agency-system", "case-management")
                .verify();
        assertThat(sent).isGreaterThan(100);
    }
}
