package org.contactpoint.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.contactpoint.audit.config.AccountsConfig;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.audit.repository.KeycloakDirectory;
import org.contactpoint.support.domain.Conflict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account directory against a real Keycloak (deploy/local/keycloak.sh, realm contactpoint, client
 * contactpoint-accounts): a user is created with the claims and roles the tokens carry, disabled, enabled and removed.
 * Not in the module's default run, which has no Keycloak: test-all runs it once Keycloak is up, with
 * {@code -DexcludedGroups=none -Dgroups=identity-provider -Dtest=KeycloakDirectoryTest}
 * {@code -Dcontactpoint.keycloak.url=... -Dcontactpoint.keycloak.accounts-secret=...}. A missing Keycloak fails it.
 */
@Tag("identity-provider")
class KeycloakDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = System.getProperty("contactpoint.keycloak.url", "http://127.0.0.1:18084");
    private static final String SECRET = System.getProperty("contactpoint.keycloak.accounts-secret",
            System.getenv().getOrDefault("CP_ACCOUNTS_IDP_CLIENT_SECRET", ""));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aUserIsCreatedWithItsClaimsAndRolesDisabledEnabledAndRemoved() throws Exception {
        assertThat(SECRET).as("contactpoint-accounts' secret (deploy/local/keycloak.sh secret contactpoint-accounts)")
                .isNotBlank();
        KeycloakDirectory directory = new KeycloakDirectory(config(), Clock.systemUTC());
        String username = "kc-test-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = directory.create(new AccountDirectory.NewUser(username, "Pat Keycloak", null,
                List.of("practitioner", "child-protection"), "Islington Council", "LA-E09000019", "E09000019"));
        try {
            JsonNode user = admin("/users/" + userId);
            assertThat(user.path("username").asText()).isEqualTo(username);
            assertThat(user.path("enabled").asBoolean()).isTrue();
            assertThat(user.path("attributes").path("la").get(0).asText()).isEqualTo("E09000019");
            assertThat(user.path("attributes").path("org_code").get(0).asText()).isEqualTo("LA-E09000019");
            List<String> roles = admin("/users/" + userId + "/role-mappings/realm").findValuesAsText("name");
            assertThat(roles).contains("practitioner", "child-protection");
            assertThatThrownBy(() -> directory.create(new AccountDirectory.NewUser(username, "Again", null,
                    List.of("practitioner"), "Islington Council", "LA-E09000019", "E09000019")))
                    .isInstanceOf(Conflict.class);

            directory.disable(userId);
            assertThat(admin("/users/" + userId).path("enabled").asBoolean()).isFalse();
            directory.enable(userId);
            assertThat(admin("/users/" + userId).path("enabled").asBoolean()).isTrue();
        } finally {
            directory.remove(userId);
        }
        assertThat(status("/users/" + userId)).isEqualTo(404);
    }

    private JsonNode admin(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String path) throws Exception {
        String form = "grant_type=client_credentials&client_id=contactpoint-accounts&client_secret="
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(URL + "/realms/contactpoint/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String bearer = JSON.readTree(token.body()).path("access_token").asText();
        return HttpRequest.newBuilder(URI.create(URL + "/admin/realms/contactpoint" + path))
                .header("Authorization", "Bearer " + bearer).GET().build();
    }

    private static AccountsConfig config() {
        return new AccountsConfig() {
            @Override
            public Optional<String> url() {
                return Optional.of(URL);
            }

            @Override
            public String realm() {
                return "contactpoint";
            }

            @Override
            public String clientId() {
                return "contactpoint-accounts";
            }

            @Override
            public Optional<String> clientSecret() {
                return Optional.of(SECRET);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }
        };
    }
}
