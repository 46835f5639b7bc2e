package org.contactpoint.testing.security;

import org.contactpoint.testing.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every operation in a service's OpenAPI document against the roles the test says it needs: each forged,
 * expired or misaddressed token gets 401, a genuine token with every other role gets 403, each allowed role gets
 * past the role check, and only operations the test lists as deliberately public answer without a token. An operation
 * the test does not list, or lists but the document lacks, fails the check.
 */
public final class SecurityMatrix {

    /** Every role any ContactPoint service knows. */
    public static final Set<String> ALL_ROLES = Set.of("practitioner", "child-protection", "la-management", "auditor",
            "feed-system", "case-management", "agency-system", "administrator", "sealed-records", "national-overview");

    private static final String ROLE_REFUSAL = "Your role does not allow this request";

    private final URI base;
    private final Map<String, Set<String>> required = new LinkedHashMap<>();
    private final Set<String> publicOperations = new LinkedHashSet<>();
    private final Map<String, String> pathValues = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private SecurityMatrix(URI base) {
        this.base = base;
    }

    public static SecurityMatrix of(URI base) {
        return new SecurityMatrix(base);
    }

    /** {@code requires("GET /children/{contactPointId}", "la-management", "administrator")}. */
    public SecurityMatrix requires(String operation, String... roles) {
        required.put(operation, Set.of(roles));
        return this;
    }

    /** An operation anyone may call without a token; the reason is for the reader of the test. */
    public SecurityMatrix publicOperation(String operation, String reason) {
        publicOperations.add(operation);
        return this;
    }

    public SecurityMatrix pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** Runs the matrix; returns how many requests it sent. Throws an AssertionError listing every failure. */
    public int verify() {
        List<ApiOperation> operations = OpenApiEndpoints.read(base);
        List<String> failures = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        int sent = 0;
        for (ApiOperation op : operations) {
            listed.add(op.key());
            if (publicOperations.contains(op.key())) {
                Reply reply = send(op, null);
                sent++;
                if (reply.status == 401 || reply.status == 403) {
                    failures.add(op.key() + " is listed as public but refused an anonymous caller: " + reply.status);
                }
                continue;
            }
            Set<String> allowed = required.get(op.key());
            if (allowed == null) {
                failures.add(op.key() + " is in /q/openapi but the security test does not say which roles it needs");
                continue;
            }
            for (Map.Entry<String, String> attack : JwtAttackTokens.all(ALL_ROLES.toArray(String[]::new)).entrySet()) {
                Reply reply = send(op, attack.getValue());
                sent++;
                if (reply.status != 401 || !reply.problem()) {
                    failures.add(op.key() + " with " + attack.getKey() + ": expected 401 problem+json, got "
                            + reply.status + " " + reply.contentType);
                }
            }
            Set<String> others = new TreeSet<>(ALL_ROLES);
            others.removeAll(allowed);
            if (!others.isEmpty()) {
                Reply reply = send(op, TestTokens.bearer("wrong-role", others.toArray(String[]::new)));
                sent++;
                if (reply.status != 403 || !reply.problem()) {
                    failures.add(op.key() + " with roles " + others + " only: expected 403 problem+json, got "
                            + reply.status + " " + reply.contentType);
                }
            }
            for (String role : allowed) {
                Reply reply = send(op, TestTokens.bearer("right-role", role));
                sent++;
                if (reply.status == 401 || reply.body.contains(ROLE_REFUSAL)) {
                    failures.add(op.key() + " refused its own role " + role + ": " + reply.status);
                }
            }
        }
        Set<String> stale = new TreeSet<>(required.keySet());
        stale.addAll(publicOperations);
        stale.removeAll(listed);
        for (String op : stale) {
            failures.add(op + " is in the security test but not in /q/openapi (renamed or removed?)");
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " security failures:\n  " + String.join("\n  ", failures));
        }
        return sent;
    }

    private Reply send(ApiOperation op, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(op.fill(pathValues)))
                .timeout(Duration.ofSeconds(120));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.header("X-Purpose-Of-Use", "DIRECT_CARE");
        if (!op.bodyTypes().isEmpty()) {
            request.header("Content-Type", op.takesJson() ? "application/json" : op.bodyTypes().get(0));
            request.method(op.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(op.key() + " failed", e);
        }
    }

    private record Reply(int status, String contentType, String body) {
        boolean problem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
