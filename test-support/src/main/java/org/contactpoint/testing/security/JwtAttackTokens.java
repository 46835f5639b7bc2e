package org.contactpoint.testing.security;

import org.contactpoint.support.security.TokenMinter;
import org.contactpoint.testing.TestJwtKeys;
import org.contactpoint.testing.TestTokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens every service must refuse with 401, each carrying the roles asked for so that only the token's own
 * flaw can be the reason for the refusal: unsigned, signed with another key, expired, not yet valid, wrong issuer,
 * wrong audience, a payload changed after signing, the HS256/RS256 confusion, and plain garbage.
 */
public final class JwtAttackTokens {

    private JwtAttackTokens() {
    }

    /** Attack name to the full {@code Authorization} header value; a null value means "no header at all". */
    public static Map<String, String> all(String... roles) {
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("no token", null);
        attacks.put("not a bearer token", "Basic YWRtaW46YWRtaW4=");
        attacks.put("garbage", "Bearer not.a.jwt");
        attacks.put("alg none", "Bearer " + unsigned(roles));
        attacks.put("wrong key", "Bearer " + signedWith(otherKey(), roles));
        attacks.put("expired", "Bearer " + TestTokens.user("attacker").roles(roles)
                .issuedAt(Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1)).sign());
        attacks.put("not yet valid", "Bearer " + TestTokens.user("attacker").roles(roles)
                .issuedAt(Instant.now().plus(Duration.ofHours(2)), Duration.ofHours(1)).sign());
        attacks.put("wrong issuer", "Bearer " + TestTokens.user("attacker").roles(roles)
                .issuer("https://attacker.example").sign());
        attacks.put("wrong audience", "Bearer " + TestTokens.user("attacker").roles(roles)
                .audience("someone-else").sign());
        attacks.put("tampered claims", "Bearer " + tampered(roles));
        attacks.put("HS256 keyed with the public key", "Bearer " + hmacWithPublicKey(roles));
        return attacks;
    }

    /** A valid token for a role-less user, its payload swapped for one granting {@code roles}, signature kept. */
    public static String tampered(String... roles) {
        String genuine = TestTokens.user("attacker").roles("no-such-role").sign();
        String[] parts = genuine.split("\\.");
        String forged = TestTokens.user("attacker").roles(roles).sign().split("\\.")[1];
        return parts[0] + "." + forged + "." + parts[2];
    }

    /** {@code alg: none}, no signature, otherwise perfect claims. */
    public static String unsigned(String... roles) {
        String payload = TestTokens.user("attacker").roles(roles).sign().split("\\.")[1];
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    private static String hmacWithPublicKey(String... roles) {
        try {
            String payload = TestTokens.user("attacker").roles(roles).sign().split("\\.")[1];
            String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test\"}") + "." + payload;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Files.readAllBytes(TestJwtKeys.publicKeyFile()), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedWith(PrivateKey key, String... roles) {
        return new TokenMinter(TestJwtKeys.ISSUER, TestJwtKeys.AUDIENCE, key, "test").mint(
                new TokenMinter.Subject("attacker", null, List.of(roles), "Attacker Ltd", "EVIL", "E09000033"),
                Duration.ofHours(1));
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
