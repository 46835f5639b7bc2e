import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs JWTs as deploy/local/token does (same issuer, audience and claims), with the local stack's private key. The
 * load test gives each connection its own practitioner, as real traffic has: one person makes one lookup at a time.
 */
final class Tokens {

    static final String ISSUER = "https://contactpoint.local";
    static final String AUDIENCE = "contactpoint";

    private final PrivateKey key;

    Tokens(Path privateKeyPem) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    String mint(String user, String roles, String org, String orgCode, String la, long ttlSeconds) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder groups = new StringBuilder();
        for (String role : roles.split(",")) {
            groups.append(groups.isEmpty() ? "" : ",").append(Json.str(role));
        }
        String payload = "{\"iss\":" + Json.str(ISSUER) + ",\"aud\":" + Json.str(AUDIENCE) + ",\"sub\":" + Json.str(user)
                + ",\"upn\":" + Json.str(user) + ",\"preferred_username\":" + Json.str(user) + ",\"name\":"
                + Json.str(user) + ",\"groups\":[" + groups + "]"
                + (org != null ? ",\"org\":" + Json.str(org) : "") + (orgCode != null ? ",\"org_code\":" + Json.str(orgCode) : "")
                + (la != null ? ",\"la\":" + Json.str(la) : "")
                + ",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + ttlSeconds) + ",\"jti\":"
                + Json.str(UUID.randomUUID().toString()) + "}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signature.sign());
    }

    /** A practitioner of a (made-up) school, one per load-test connection. */
    String practitioner(int n) throws Exception {
        return mint("bench-practitioner-" + n, "practitioner", "Bench Primary School " + n, "URN9" + (10000 + n),
                "E09000019", 4 * 3600);
    }

    String feedSystem() throws Exception {
        return mint("bench-health-feed", "feed-system", "Bench Health Demographics Feed", "BENCH-FEED", null, 4 * 3600);
    }

    String agencySystem() throws Exception {
        return mint("bench-agency-hub", "agency-system", "Bench Agency Data Hub", "BENCH-HUB", "E09000019", 4 * 3600);
    }
}
