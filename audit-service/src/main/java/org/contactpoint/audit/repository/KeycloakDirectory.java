package org.contactpoint.audit.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.config.AccountsConfig;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.audit.domain.DirectoryUnavailable;
import org.contactpoint.support.domain.Conflict;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API as ContactPoint's account directory. audit-service signs in as the confidential client
 * {@code contactpoint-accounts} (client credentials; its service account holds realm-management's manage-users and
 * view-users, nothing more) and keeps the token until shortly before it expires.
 */
@ApplicationScoped
public class KeycloakDirectory implements AccountDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token is renewed this long before it expires, so no call carries one that lapses in flight. */
    private static final long RENEW_BEFORE_SECONDS = 30;

    private final AccountsConfig config;
    private final Clock clock;
    private final HttpClient http;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    public KeycloakDirectory(AccountsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.timeout()).build();
    }

    @Override
    public String create(NewUser user) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("username", user.username());
        representation.put("enabled", true);
        if (user.email() != null) {
            representation.put("email", user.email());
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("display_name", List.of(user.name()));
        attributes.put("org", List.of(user.organisation()));
        attributes.put("org_code", List.of(user.organisationCode()));
        attributes.put("la", List.of(user.localAuthority()));
        representation.put("attributes", attributes);
        // The person chooses their own password at first sign-in; nobody else ever knows it.
        representation.put("requiredActions", List.of("UPDATE_PASSWORD"));
        HttpResponse<String> created = send(admin("/users").POST(body(representation)));
        if (created.statusCode() == 409) {
            throw Conflict.onField("The username is taken", "username", "is taken");
        }
        expect(created, 201, "create the user");
        String location = created.headers().firstValue("Location")
                .orElseThrow(() -> new DirectoryUnavailable("Keycloak created a user but did not say where"));
        String userId = location.substring(location.lastIndexOf('/') + 1);
        try {
            grantRoles(userId, user.roles());
        } catch (RuntimeException e) {
            remove(userId);
            throw e;
        }
        return userId;
    }

    @Override
    public void disable(String userId) {
        expect(send(admin("/users/" + path(userId)).PUT(body(Map.of("enabled", false)))), 204, "disable the user");
        // Ends the user's sessions, so a refresh token is refused as well as a new sign-in.
        expect(send(admin("/users/" + path(userId) + "/logout").POST(HttpRequest.BodyPublishers.noBody())), 204,
                "end the user's sessions");
    }

    @Override
    public void enable(String userId) {
        expect(send(admin("/users/" + path(userId)).PUT(body(Map.of("enabled", true)))), 204, "enable the user");
    }

    @Override
    public void remove(String userId) {
        try {
            HttpResponse<String> removed = send(admin("/users/" + path(userId)).DELETE());
            if (removed.statusCode() != 204 && removed.statusCode() != 404) {
                Log.errorf("ALERT Keycloak user %s could not be removed (%d): remove it by hand", userId,
                        removed.statusCode());
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "ALERT Keycloak user %s could not be removed: remove it by hand", userId);
        }
    }

    /** Maps the realm roles by name; only roles the service account may map are offered, so no others can be given. */
    private void grantRoles(String userId, List<String> roles) {
        HttpResponse<String> available = send(admin("/users/" + path(userId) + "/role-mappings/realm/available").GET());
        expect(available, 200, "read the realm roles");
        List<JsonNode> granted = new ArrayList<>();
        for (JsonNode role : read(available.body())) {
            if (roles.contains(role.path("name").asText())) {
                granted.add(role);
            }
        }
        if (granted.size() != roles.size()) {
            throw new DirectoryUnavailable("Keycloak's realm does not offer every role of " + roles);
        }
        expect(send(admin("/users/" + path(userId) + "/role-mappings/realm").POST(body(granted))), 204,
                "grant the roles");
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + path(config.realm()) + path))
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json");
    }

    private synchronized String token() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(tokenExpires)) {
            return token;
        }
        String secret = config.clientSecret().orElseThrow(() -> new DirectoryUnavailable(
                "contactpoint.accounts.identity-provider.client-secret is not set"));
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(config.clientId(),
                StandardCharsets.UTF_8) + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/"
                        + path(config.realm()) + "/protocol/openid-connect/token"))
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        expect(answer, 200, "sign in as " + config.clientId());
        JsonNode granted = read(answer.body());
        token = granted.path("access_token").asText();
        tokenExpires = now.plusSeconds(Math.max(0, granted.path("expires_in").asLong(60) - RENEW_BEFORE_SECONDS));
        return token;
    }

    private String baseUrl() {
        String url = config.url().orElseThrow(() -> new DirectoryUnavailable(
                "contactpoint.accounts.identity-provider.url is not set"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DirectoryUnavailable("Keycloak could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailable("Interrupted while calling Keycloak", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new DirectoryUnavailable("Keycloak refused to " + what + ": HTTP " + response.statusCode());
        }
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DirectoryUnavailable("Keycloak answered something that is not JSON", e);
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
