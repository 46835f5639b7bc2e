package org.contactpoint.support.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * The one place a ContactPoint token is minted, for the local run's demo users, the tests and the benchmark alike, so
 * the claim contract ({@link Caller#from} reads it) is written once: {@code sub}, {@code upn} and
 * {@code preferred_username} the user id, {@code name}, {@code groups} the roles, {@code org}, {@code org_code},
 * {@code la}, a fresh {@code jti}, and {@code iat}/{@code nbf}/{@code exp}. Signed RS256 with smallrye-jwt.
 */
public final class TokenMinter {

    /** Who the token speaks for; organisation and local authority may be null (a national feed has no LA). */
    public record Subject(String userId, String name, java.util.Collection<String> roles, String organisation,
                          String organisationCode, String localAuthority) {
    }

    private final String issuer;
    private final String audience;
    private final PrivateKey key;
    private final String keyId;

    /** @param keyId the {@code kid} header, or null for none */
    public TokenMinter(String issuer, String audience, PrivateKey key, String keyId) {
        this.issuer = issuer;
        this.audience = audience;
        this.key = key;
        this.keyId = keyId;
    }

    /** A token valid from now for the lifetime. */
    public String mint(Subject subject, Duration lifetime) {
        return mint(subject, Instant.now(), lifetime);
    }

    /** A token valid from {@code issuedAt} (in the past for an expired one, the future for a not-yet-valid one). */
    public String mint(Subject subject, Instant issuedAt, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject.userId())
                .upn(subject.userId())
                .preferredUserName(subject.userId())
                .groups(new LinkedHashSet<>(subject.roles()))
                .claim("name", subject.name() == null ? subject.userId() : subject.name())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .claim("nbf", issuedAt.getEpochSecond())
                .expiresAt(issuedAt.plus(lifetime));
        if (subject.organisation() != null) {
            claims.claim("org", subject.organisation());
        }
        if (subject.organisationCode() != null) {
            claims.claim("org_code", subject.organisationCode());
        }
        if (subject.localAuthority() != null) {
            claims.claim("la", subject.localAuthority());
        }
        var jws = claims.jws();
        if (keyId != null) {
            jws.keyId(keyId);
        }
        return jws.sign(key);
    }

    /**
     * The {@code kid} an identity provider gives this key pair's public half as Keycloak derives it: the unpadded
     * base64url SHA-256 of its X.509 encoding. Tokens minted with the realm's own key then name the key Keycloak's JWKS
     * lists, and still verify while the JWKS holds a second key (a rotation under way).
     */
    public static String keyIdOf(PrivateKey key) {
        try {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
            byte[] encoded = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (ClassCastException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key with its public exponent", e);
        }
    }

    /** An RSA private key from PEM (PKCS#8, as {@code deploy/local/keys.sh} writes it) or raw DER. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.US_ASCII);
        byte[] der = text.contains("-----BEGIN")
                ? Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))
                : content;
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IOException("not an RSA PKCS#8 private key: " + file, e);
        }
    }
}
