package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestJwks;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The identity provider rotates its signing key: it publishes the new key in its JWKS, then signs with it. A running
 * service accepts the new key's tokens without a restart (it fetches the key set again for a kid it does not hold),
 * and still refuses a token whose kid the issuer never published.
 * <p>
 * smallrye-jwt fetches the key set again for an unknown kid at most once per {@code forced-refresh-interval}, counted
 * from the service's previous forced fetch. The tests set that interval to 0, yet after the security matrix's attack
 * tokens (unknown kids) the rotated key was not fetched (reproduced: SecurityMatrixTest, then this class, 401). So
 * this class runs in a service of its own (a test profile), where the rotation is the first forced fetch.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(SigningKeyRotationTest.OwnService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeyRotationTest {

    /** A service started for this class alone, so no other class's forced key-set fetch is remembered. */
    public static class OwnService implements QuarkusTestProfile {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @Order(1)
    void aTokenSignedWithANewlyPublishedKeyIsAcceptedWithoutARestart() {
        // The service has verified a token already, so it holds the key set from before the rotation.
        register(TestTokens.bearer("case-system", "case-management"), "before").statusCode(201);

        try (TestJwks.Rotation rotated = TestJwks.publish("rotated-" + UUID.randomUUID())) {
            String token = "Bearer " + TestTokens.user("case-system").roles("case-management")
                    .signedWith(rotated.keyPair().getPrivate(), rotated.kid()).sign();
            register(token, "after").statusCode(201).body("outcome", equalTo("CREATED"));
        }
    }

    @Test
    @Order(2)
    void aTokenNamingAKidTheIssuerNeverPublishedIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String token = "Bearer " + TestTokens.user("case-system").roles("case-management")
                .signedWith(generator.generateKeyPair().getPrivate(), "never-published").sign();
        register(token, "unpublished").statusCode(401);
    }

    /** Registers a child no other test registers (names and date of birth of its own), so it is always created. */
    private static ValidatableResponse register(String bearer, String stem) {
        String given = "Rot" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String family = "Rotation" + stem + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String dateOfBirth = LocalDate.of(2010, 1, 1).plusDays(RANDOM.nextInt(3000)).toString();
        return given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(ChildRegistrationTest.child(given, family, dateOfBirth, "LA_CASE_SYSTEM",
                        "ROT-" + UUID.randomUUID()))
                .when().post("/children")
                .then();
    }
}
