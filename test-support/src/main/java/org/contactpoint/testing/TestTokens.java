package org.contactpoint.testing;

import org.contactpoint.support.security.TokenMinter;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Signed tokens for tests, shaped like the local run's demo users: {@code TestTokens.user("teacher")
 * .roles("practitioner").organisation("Hillside Primary School", "URN100001").localAuthority("E09000033").sign()}.
 * Minted by service-support's {@link TokenMinter}, as the local run's and the benchmark's tokens are, with the test key
 * ({@code kid} "test").
 */
public final class TestTokens {

    private final String userId;
    private Set<String> roles = Set.of();
    private String name;
    private String organisation = "Test Organisation";
    private String organisationCode = "ORG001";
    private String localAuthority = "E09000033";
    private String issuer = TestJwtKeys.ISSUER;
    private String audience = TestJwtKeys.AUDIENCE;
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofHours(1);
    private PrivateKey signingKey;
    private String keyId = TestJwks.TEST_KID;

    private TestTokens(String userId) {
        this.userId = userId;
        this.name = userId;
    }

    public static TestTokens user(String userId) {
        return new TestTokens(userId);
    }

    /** A bearer header value for a user with these roles and default organisation claims. */
    public static String bearer(String userId, String... roles) {
        return "Bearer " + user(userId).roles(roles).sign();
    }

    public TestTokens roles(String... roles) {
        this.roles = Set.of(roles);
        return this;
    }

    public TestTokens name(String name) {
        this.name = name;
        return this;
    }

    public TestTokens organisation(String name, String code) {
        this.organisation = name;
        this.organisationCode = code;
        return this;
    }

    public TestTokens localAuthority(String code) {
        this.localAuthority = code;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** Shifts the token's validity window, e.g. into the past for an expired token or the future for not-yet-valid. */
    public TestTokens issuedAt(Instant issuedAt, Duration lifetime) {
        this.issuedAt = issuedAt;
        this.lifetime = lifetime;
        return this;
    }

    /** Signs with another key under its {@code kid}, e.g. one a test published in {@link TestJwks}. */
    public TestTokens signedWith(PrivateKey key, String kid) {
        this.signingKey = key;
        this.keyId = kid;
        return this;
    }

    public String sign() {
        PrivateKey key = signingKey == null ? TestJwtKeys.privateKey() : signingKey;
        return new TokenMinter(issuer, audience, key, keyId).mint(
                new TokenMinter.Subject(userId, name, roles, organisation, organisationCode, localAuthority),
                issuedAt, lifetime);
    }
}
