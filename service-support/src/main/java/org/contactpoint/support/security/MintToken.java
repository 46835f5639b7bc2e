package org.contactpoint.support.security;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link TokenMinter} from the command line, for {@code deploy/local/token} (which reads the demo user and passes
 * the claims), so the local run's tokens come from the same code as the tests' and the benchmark's. Prints the token
 * alone on stdout.
 * <pre>
 * java -cp &lt;a service's uber-jar&gt; org.contactpoint.support.security.MintToken --key private.pem
 *     --issuer ISS --audience AUD --ttl SECONDS --user ID [--name NAME] --roles r1,r2
 *     [--org ORG] [--org-code CODE] [--la LA]
 * </pre>
 * An empty value counts as absent, as an empty field in the demo-users file does. The token names its key ({@code kid})
 * as the local Keycloak names the same key ({@link TokenMinter#keyIdOf}); a negative lifetime mints an expired token.
 */
public final class MintToken {

    private static final Set<String> OPTIONS = Set.of("--key", "--issuer", "--audience", "--ttl", "--user", "--name",
            "--roles", "--org", "--org-code", "--la");
    private static final List<String> REQUIRED = List.of("--key", "--issuer", "--audience", "--ttl", "--user");

    private MintToken() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                usage("unexpected argument: " + args[i]);
            }
            options.put(args[i], args[i + 1].isEmpty() ? null : args[i + 1]);
        }
        for (String required : REQUIRED) {
            if (options.get(required) == null) {
                usage("missing " + required);
            }
        }
        List<String> roles = options.get("--roles") == null ? List.of()
                : Arrays.stream(options.get("--roles").split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
        PrivateKey key = TokenMinter.readPrivateKey(Path.of(options.get("--key")));
        TokenMinter minter = new TokenMinter(options.get("--issuer"), options.get("--audience"), key,
                TokenMinter.keyIdOf(key));
        TokenMinter.Subject subject = new TokenMinter.Subject(options.get("--user"), options.get("--name"), roles,
                options.get("--org"), options.get("--org-code"), options.get("--la"));
        System.out.println(minter.mint(subject, Duration.ofSeconds(Long.parseLong(options.get("--ttl")))));
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: MintToken --key FILE --issuer ISS --audience AUD --ttl SECONDS --user ID"
                + " [--name NAME] [--roles R1,R2] [--org ORG] [--org-code CODE] [--la LA]");
        System.exit(2);
    }
}
