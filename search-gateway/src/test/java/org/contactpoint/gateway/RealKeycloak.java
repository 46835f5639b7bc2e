package org.contactpoint.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the server distribution from Maven Central, unpacked by the build into target/keycloak) as the
 * practitioner's identity provider, with the realm of deploy/local/keycloak/realm.json: its page client
 * {@code contactpoint-page} as committed (public, code flow, PKCE S256), redirecting to the gateway under test, and one
 * practitioner with a password. The gateway under test trusts this Keycloak's tokens (its issuer and JWKS) and tells
 * the page to sign in there. The gateway's port is fixed here, as the client's redirect URIs must name it.
 * <p>
 * The page client's access tokens live {@value #ACCESS_TOKEN_SECONDS} s, so a test sees the page refresh them. Without
 * the distribution the resource fails: it never skips.
 */
public class RealKeycloak implements QuarkusTestResourceLifecycleManager {

    public static final String USERNAME = "social-worker";
    public static final String DISPLAY_NAME = "Ms Hannah Clarke";
    /** A member of Islington's LA team (role la-management), with the same made-up password. */
    public static final String LA_MANAGER = "la-manager";
    public static final String LA_MANAGER_DISPLAY_NAME = "Mr Tomasz Nowak";
    static final int ACCESS_TOKEN_SECONDS = 45;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static volatile String issuer;
    private static volatile String password;
    private static volatile String adminPassword;
    private static volatile int port;

    private Process process;
    private Path log;

    /** The issuer, e.g. http://127.0.0.1:PORT/realms/contactpoint. */
    public static String issuer() {
        return issuer;
    }

    /** The practitioner's password (made up for this run). */
    public static String password() {
        return password;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path home = Path.of(System.getProperty("contactpoint.test.keycloak.home",
                    "target/keycloak/keycloak-26.4.0"));
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("Keycloak's distribution is not at " + home.toAbsolutePath()
                        + " (the gateway's build unpacks org.keycloak:keycloak-quarkus-dist there)");
            }
            port = freePort();
            int gatewayPort = freePort();
            issuer = "http://127.0.0.1:" + port + "/realms/contactpoint";
            password = UUID.randomUUID().toString();
            adminPassword = UUID.randomUUID().toString();
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.writeString(imports.resolve("contactpoint-realm.json"),
                    JSON.writeValueAsString(realm(gatewayPort)));
            log = Files.createTempFile("keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--import-realm", "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--hostname=http://127.0.0.1:" + port, "--health-enabled=false", "--metrics-enabled=false",
                    "--log-level=WARN,org.keycloak.services:INFO")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            process = builder.start();
            awaitReady();
            return Map.of(
                    "mp.jwt.verify.issuer", issuer,
                    "mp.jwt.verify.publickey.location", issuer + "/protocol/openid-connect/certs",
                    "contactpoint.page.issuer", issuer,
                    "contactpoint.page.token-entry", "false",
                    "quarkus.http.test-port", String.valueOf(gatewayPort));
        } catch (IOException e) {
            throw new IllegalStateException("could not start Keycloak", e);
        }
    }

    /** After RealInfrastructure, whose test issuer this one replaces. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public void stop() {
        if (process != null) {
            // kc.sh runs Keycloak as its child until a first build is done (then it execs it): end both.
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Ends every session of the practitioner at Keycloak, as an administrator or an idle timeout would. */
    public static void endSessionsAtTheIdentityProvider() throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin"
                        + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> logout = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/admin/realms/contactpoint/users/" + USERNAME + "/logout"))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (logout.statusCode() != 204) {
            throw new IllegalStateException("Keycloak did not end the sessions: " + logout.statusCode() + " "
                    + logout.body());
        }
    }

    /**
     * deploy/local/keycloak/realm.json with what deploy/local/keycloak.sh adds for the page: its redirect URIs, a
     * signing key (generated here), and the practitioner.
     */
    private static ObjectNode realm(int gatewayPort) throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(Path.of("../deploy/local/keycloak/realm.json").toFile());
        String gateway = "http://localhost:" + gatewayPort;
        for (JsonNode client : realm.withArray("clients")) {
            if ("contactpoint-page".equals(client.path("clientId").asText())) {
                ((ObjectNode) client).set("redirectUris", JSON.createArrayNode().add(gateway + "/*"));
                ObjectNode attributes = ((ObjectNode) client).with("attributes");
                attributes.put("post.logout.redirect.uris", gateway + "/*");
                attributes.put("access.token.lifespan", String.valueOf(ACCESS_TOKEN_SECONDS));
            }
        }
        ObjectNode keys = (ObjectNode) realm.with("components");
        ArrayNode providers = JSON.createArrayNode();
        providers.addObject().put("name", "rsa-generated").put("providerId", "rsa-generated")
                .set("config", JSON.valueToTree(Map.of("priority", List.of("100"), "algorithm", List.of("RS256"))));
        for (JsonNode provider : keys.withArray("org.keycloak.keys.KeyProvider")) {
            if (!"rsa".equals(provider.path("providerId").asText())) {
                providers.add(provider);
            }
        }
        keys.set("org.keycloak.keys.KeyProvider", providers);
        ObjectNode user = realm.withArray("users").addObject();
        user.put("id", USERNAME).put("username", USERNAME).put("enabled", true);
        user.set("attributes", JSON.valueToTree(Map.of("display_name", List.of(DISPLAY_NAME),
                "org", List.of("Islington Children's Social Care"), "org_code", List.of("LA-E09000019"),
                "la", List.of("E09000019"))));
        user.set("realmRoles", JSON.valueToTree(List.of("practitioner", "child-protection")));
        user.set("credentials", JSON.valueToTree(List.of(Map.of("type", "password", "value", password,
                "temporary", false))));
        ObjectNode team = realm.withArray("users").addObject();
        team.put("id", LA_MANAGER).put("username", LA_MANAGER).put("enabled", true);
        team.set("attributes", JSON.valueToTree(Map.of("display_name", List.of(LA_MANAGER_DISPLAY_NAME),
                "org", List.of("Islington Council"), "org_code", List.of("LA-E09000019"),
                "la", List.of("E09000019"))));
        team.set("realmRoles", JSON.valueToTree(List.of("la-management")));
        team.set("credentials", JSON.valueToTree(List.of(Map.of("type", "password", "value", password,
                "temporary", false))));
        return realm;
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak started", e);
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                stop();
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException("Keycloak did not start (" + log + "):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            try {
                // Polling a process that gives no other signal of readiness; nothing here races a consumer.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak started", e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
