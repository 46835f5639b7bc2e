package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestJwks;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.Test;

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
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SigningKeyRotationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
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
