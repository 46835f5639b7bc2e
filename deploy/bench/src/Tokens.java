import org.contactpoint.support.security.TokenMinter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The bench's JWTs, from service-support's TokenMinter (in the gateway's uber-jar the bench is compiled against) with
 * the local stack's private key, issuer and audience, as deploy/local/token mints them. The load test gives each
 * connection its own practitioner, as real traffic has: one person makes one lookup at a time.
 */
final class Tokens {

    static final String ISSUER = "https://contactpoint.local";
    static final String AUDIENCE = "contactpoint";
    private static final Duration LIFETIME = Duration.ofHours(4);

    private final TokenMinter minter;

    Tokens(Path privateKeyPem) throws Exception {
        minter = new TokenMinter(ISSUER, AUDIENCE, TokenMinter.readPrivateKey(privateKeyPem), null);
    }

    private String mint(String user, String role, String org, String orgCode, String la) {
        return minter.mint(new TokenMinter.Subject(user, user, List.of(role), org, orgCode, la), LIFETIME);
    }

    /** A practitioner of a (made-up) school, one per load-test connection. */
    String practitioner(int n) {
        return mint("bench-practitioner-" + n, "practitioner", "Bench Primary School " + n, "URN9" + (10000 + n),
                "E09000019");
    }

    String feedSystem() {
        return mint("bench-health-feed", "feed-system", "Bench Health Demographics Feed", "BENCH-FEED", null);
    }

    String agencySystem() {
        return mint("bench-agency-hub", "agency-system", "Bench Agency Data Hub", "BENCH-HUB", "E09000019");
    }
}
