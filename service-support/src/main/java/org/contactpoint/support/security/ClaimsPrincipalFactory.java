package org.contactpoint.support.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Verifies tokens exactly as SmallRye JWT's default factory does, but gives each token a principal that reads our own
 * claims ({@code name}, {@code org}, {@code org_code}, {@code la}, {@code system}) without an exception. SmallRye finds
 * a claim's type with {@code Claims.valueOf(name)} and catches the {@link IllegalArgumentException} every claim outside
 * the standard's list raises: five exceptions, each filling in a stack trace some 45 frames deep, for every request
 * that reads its {@link Caller} (JFR on the gateway during record views, issue 19).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ClaimsPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext verified = parser.parse(token, context);
        String type = verified.getJoseObjects().get(0).getHeader("typ");
        return new ClaimsPrincipal(type, verified.getJwtClaims());
    }

    /** SmallRye's principal, its claim types found in a map instead of by catching an exception. */
    public static final class ClaimsPrincipal extends DefaultJWTCallerPrincipal {

        private static final Map<String, Claims> STANDARD = new HashMap<>();

        static {
            for (Claims claim : Claims.values()) {
                STANDARD.put(claim.name(), claim);
            }
        }

        ClaimsPrincipal(String type, JwtClaims claims) {
            super(type, claims);
        }

        @Override
        protected Claims getClaimType(String name) {
            return STANDARD.getOrDefault(name, Claims.UNKNOWN);
        }
    }
}
