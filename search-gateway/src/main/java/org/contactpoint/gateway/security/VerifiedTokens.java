package org.contactpoint.gateway.security;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token parser the bearer-token check uses, remembering each token it has verified until the token expires: a
 * client sending the same token on every lookup has its signature checked once, not on every request. The key is the
 * whole token, so only the very same signed bytes hit the cache; an expired entry is verified afresh (and refused).
 * A token stays accepted until its own expiry even if its signing key is withdrawn sooner (as with any stateless
 * token). At most {@link #MAX_TOKENS} are held; beyond that new tokens are verified every time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final int MAX_TOKENS = 100_000;

    private final JWTParser verifier;
    private final Clock clock;
    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier, Clock clock) {
        this((JWTParser) verifier, clock);
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        JsonWebToken known = verified.get(token);
        if (known != null) {
            if (known.getExpirationTime() > now) {
                return known;
            }
            verified.remove(token, known);
        }
        JsonWebToken checked = verifier.parse(token);
        if (checked.getExpirationTime() > now) {
            if (verified.size() >= MAX_TOKENS) {
                verified.values().removeIf(jwt -> jwt.getExpirationTime() <= now);
            }
            if (verified.size() < MAX_TOKENS) {
                verified.put(token, checked);
            }
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
