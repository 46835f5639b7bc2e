package org.contactpoint.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The token parser the bearer-token check uses, remembering each token it has verified until the token expires: a
 * client sending the same token on every lookup has its signature checked once, not on every request. The key is the
 * whole token, so only the very same signed bytes hit the cache; an expired entry is never answered (and is verified
 * afresh, and refused). A token stays accepted until its own expiry even if its signing key is withdrawn sooner (as
 * with any stateless token). At most {@link #MAX_TOKENS} are held, the least recently used forgotten first (Caffeine):
 * a verified token holds about 4 KB (its claims parsed), so the bound keeps the cache to some 80 MB of the heap, and a
 * full cache costs a new token nothing more than its own verification (about 0.07 ms of CPU).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final int MAX_TOKENS = 20_000;

    private final JWTParser verifier;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier, Clock clock) {
        this((JWTParser) verifier, clock, MAX_TOKENS);
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this(verifier, clock, MAX_TOKENS);
    }

    VerifiedTokens(JWTParser verifier, Clock clock, int maxTokens) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens)
                .expireAfter(Expiry.<String, JsonWebToken>creating((token, jwt) -> Duration.ofSeconds(
                        Math.max(0, jwt.getExpirationTime() - clock.instant().getEpochSecond()))))
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                // Evictions run on the caller's thread: nothing to hand to a pool for a map this size.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && known.getExpirationTime() > now) {
            return known;
        }
        JsonWebToken checked = verifier.parse(token);
        if (checked.getExpirationTime() > now) {
            verified.put(token, checked);
        }
        return checked;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
