package org.contactpoint.gateway.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified token is remembered until it expires, never after; a refused one is never remembered. */
class VerifiedTokensTest {

    private final Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final Map<String, Long> expiries = new HashMap<>();
    private final Map<String, Integer> verifications = new HashMap<>();

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() throws Exception {
        expiries.put("good", now.plusSeconds(60).getEpochSecond());
        VerifiedTokens tokens = new VerifiedTokens(verifier(), Clock.fixed(now, ZoneOffset.UTC));
        JsonWebToken first = tokens.parse("good");
        assertThat(tokens.parse("good")).isSameAs(first);
        assertThat(verifications.get("good")).isEqualTo(1);

        VerifiedTokens later = new VerifiedTokens(verifier(), Clock.fixed(now.plusSeconds(61), ZoneOffset.UTC));
        later.parse("good");
        later.parse("good");
        // Expired: verified afresh each time (and the real verifier refuses it), never answered from memory.
        assertThat(verifications.get("good")).isEqualTo(3);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier(), Clock.fixed(now, ZoneOffset.UTC));
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThat(verifications.get("forged")).isEqualTo(2);
    }

    @Test
    void aFullCacheStillRemembersATokenInUse() throws Exception {
        for (String token : List.of("a", "b", "c")) {
            expiries.put(token, now.plusSeconds(3600).getEpochSecond());
        }
        VerifiedTokens tokens = new VerifiedTokens(verifier(), Clock.fixed(now, ZoneOffset.UTC), 2);
        tokens.parse("a");
        tokens.parse("b");
        // Full of tokens that have not expired: a client sending a new token on every request is verified once or
        // twice, then remembered in place of one used less (before, a full cache verified every new token each time
        // and scanned every entry for expired ones on each request).
        for (int i = 0; i < 10; i++) {
            tokens.parse("c");
        }
        assertThat(verifications.get("c")).isLessThan(10);
    }

    /** Stands in for the signature check: knows which tokens are good and when they expire, counts its calls. */
    private JWTParser verifier() {
        return new JWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.merge(token, 1, Integer::sum);
                Long exp = expiries.get(token);
                if (exp == null) {
                    throw new ParseException("bad signature");
                }
                return jwt(token, exp);
            }

            @Override
            public JsonWebToken parse(String token, JWTAuthContextInfo context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken verify(String token, PublicKey key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken verify(String token, SecretKey key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken verify(String token, String secret) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken decrypt(String token, PrivateKey key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken decrypt(String token, SecretKey key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken decrypt(String token, String secret) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonWebToken parseOnly(String token) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static JsonWebToken jwt(String subject, long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub", "exp");
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String claimName) {
                return (T) ("exp".equals(claimName) ? (Object) exp : subject);
            }
        };
    }
}
