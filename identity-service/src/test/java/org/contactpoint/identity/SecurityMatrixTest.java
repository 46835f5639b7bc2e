package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.security.SecurityMatrix;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation in identity-service's OpenAPI document refuses forged, expired and misaddressed tokens (401) and
 * the wrong roles (403). A new operation fails this test until it is listed here with its roles.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SecurityMatrixTest {

    private static final String LA = "la-management";
    private static final String ADMIN = "administrator";

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesBadTokensAndWrongRoles() {
        int sent = SecurityMatrix.of(base)
                .pathValue("contactPointId", "CP1234567897")
                .requires("POST /children", "feed-system", "case-management")
                .requires("GET /children/{contactPointId}", LA, ADMIN, "sealed-records")
                .requires("PATCH /children/{contactPointId}", LA, ADMIN, "case-management")
                .requires("PUT /children/{contactPointId}/shield", LA, ADMIN)
                .requires("DELETE /children/{contactPointId}/shield", LA, ADMIN)
                .requires("PUT /children/{contactPointId}/vulnerabilities", LA, ADMIN, "feed-system")
                .requires("POST /children/{contactPointId}/moves", LA, ADMIN)
                .requires("PUT /children/{contactPointId}/death", LA, ADMIN, "feed-system")
                .requires("PUT /children/{contactPointId}/retention", LA, ADMIN)
                .requires("POST /children/{contactPointId}/new-identity", LA, ADMIN)
                .requires("GET /children/{contactPointId}/sealed-links", "sealed-records")
                .requires("POST /merges", LA, ADMIN)
                .requires("POST /merges/{mergeId}/unmerge", LA, ADMIN)
                .requires("GET /review-items", LA, ADMIN)
                .requires("GET /review-items/{id}", LA, ADMIN)
                .requires("POST /review-items/{id}/accept", LA, ADMIN)
                .requires("POST /review-items/{id}/reject", LA, ADMIN)
                .requires("GET /sealed-review-items", "sealed-records")
                .requires("GET /match-weights", ADMIN)
                .requires("POST /match-weights", ADMIN)
                .requires("PUT /match-weights/in-force", ADMIN)
                .requires("POST /sealed-review-items/{id}/same-child", "sealed-records")
                .requires("POST /sealed-review-items/{id}/not-same-child", "sealed-records")
                .requires("POST /source-records", "feed-system")
                .requires("POST /source-records/batch", "feed-system")
                .pathValue("importId", "7f3c2a51-0c1e-4e53-9d5e-2b8f0a6d9c11")
                .requires("POST /source-record-imports", "feed-system")
                .requires("GET /source-record-imports/{importId}", "feed-system", ADMIN)
                .requires("GET /source-record-imports/{importId}/rejections", "feed-system", ADMIN)
                .requires("GET /data-quality", "la-management", ADMIN, "national-overview")
                .requires("GET /data-quality/suspected-duplicates", "la-management")
                .verify();
        assertThat(sent).isGreaterThan(200);
    }
}
