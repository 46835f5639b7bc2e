import org.contactpoint.support.security.TokenMinter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bench's JWTs, from service-support's TokenMinter (in the gateway's uber-jar the bench is compiled against) with
 * the local stack's private key, issuer and audience, as deploy/local/token mints them. The load test gives each
 * connection its own practitioner, as real traffic has: one person makes one lookup at a time. An agency system submits
 * involvements over REST only for the organisation its token names (involvement-service's "one organisation per
 * credential"), so there is one agency token per organisation, minted on first use and kept.
 */
final class Tokens {

    /** The issuer the services trust: the local run's Keycloak realm (deploy/local/lib.sh), which signs with the same key. */
    static final String ISSUER = System.getenv().getOrDefault("CP_JWT_ISSUER", "https://contactpoint.local");
    static final String AUDIENCE = "contactpoint";
    private static final Duration LIFETIME = Duration.ofHours(4);

    private final TokenMinter minter;
    /** Agency tokens by organisation code and name. */
    private final Map<String, String> agencySystems = new ConcurrentHashMap<>();

    Tokens(Path privateKeyPem) throws Exception {
        var key = TokenMinter.readPrivateKey(privateKeyPem);
        // Named by the key id Keycloak publishes it under, so the services find it in the JWKS even after a rotation.
        minter = new TokenMinter(ISSUER, AUDIENCE, key, TokenMinter.keyIdOf(key));
    }

    /** {@code roles}: one role, or several separated by commas (each its own entry in the token's groups). */
    private String mint(String user, String roles, String org, String orgCode, String la) {
        return minter.mint(new TokenMinter.Subject(user, user, List.of(roles.split(",")), org, orgCode, la), LIFETIME);
    }

    /** A practitioner of a (made-up) school, one per load-test connection. */
    String practitioner(int n) {
        return mint("bench-practitioner-" + n, "practitioner", "Bench Primary School " + n, "URN9" + (10000 + n),
                "E09000019");
    }

    /**
     * A case-management system that looks children up for its users under one identity (issue 19's system client):
     * the same token on every connection, so every lookup is the same user's to the gateway's quota and the audit rules;
     * its case-management role makes it a system client, with the gateway's system limits.
     */
    String caseManagementSystem() {
        return mint("bench-case-management-system", "practitioner,case-management", "Bench Children's Services Case Management",
                "BENCH-CMS", "E09000019");
    }

    String feedSystem() {
        return mint("bench-health-feed", "feed-system", "Bench Health Demographics Feed", "BENCH-FEED", null);
    }

    /**
     * The system of the organisation a REST submission names, with that organisation's {@code org} and
     * {@code org_code}: a submission for any other organisation would be refused (403). Minted once per organisation.
     */
    String agencySystem(String organisation, String organisationCode) {
        return agencySystems.computeIfAbsent(organisationCode + "|" + organisation,
                key -> mint("bench-agency-" + organisationCode.toLowerCase(Locale.ROOT), "agency-system", organisation,
                        organisationCode, "E09000019"));
    }
}
