package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.OpenApiContract;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;

/** The served OpenAPI document is the committed contract, docs/openapi/identity-service.yaml (issue 20). */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpenApiContractTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theServedDocumentIsTheCommittedContract() {
        OpenApiContract.assertServedIsCommitted(base, "identity-service");
    }
}
