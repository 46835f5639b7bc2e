package org.contactpoint.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.accounts.AccountSuspension;
import org.contactpoint.testing.TestKafkaClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * audit-service's and identity-service's REST contracts for what the LA team's screens pass through (the gateway's
 * tests cannot run those services): accounts, partner organisations, misuse investigations, access notifications,
 * usage reports (audit-service) and data quality (identity-service). The lists are served only as audit-service's v2
 * lists (a JSON array, paged by {@code Link rel="next"}), so a call to a deprecated v1 envelope finds nothing. It
 * records each request as received and answers as they do, holding accounts and investigations in memory; a
 * suspension or closure is published on audit.account-suspensions.v1 as audit-service publishes it, so the gateway
 * refuses the account's next request. A global test resource (same for every class that names it, so Quarkus does
 * not restart between them).
 */
public class LaTeamServicesStandIn implements QuarkusTestResourceLifecycleManager {

    /** One request as the upstream received it. */
    public record Received(String service, String method, String path, String authorization, String purpose,
                           String ifMatch, String body) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Accounts by user id (JSON objects as audit-service's {@code View}). */
    public static final Map<String, ObjectNode> ACCOUNTS = new ConcurrentHashMap<>();
    /** Investigations by id (as audit-service's {@code View}). */
    public static final Map<String, ObjectNode> INVESTIGATIONS = new ConcurrentHashMap<>();
    public static final List<ObjectNode> PARTNERS = new CopyOnWriteArrayList<>();
    public static final List<ObjectNode> ACCESS_NOTIFICATIONS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer audit;
    private HttpServer identity;

    @Override
    public Map<String, String> start() {
        try {
            audit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        audit.createContext("/", exchange -> answer("audit-service", exchange));
        identity.createContext("/", exchange -> answer("identity-service", exchange));
        audit.start();
        identity.start();
        return Map.of("contactpoint.la-team.audit-service-url", "http://127.0.0.1:" + audit.getAddress().getPort(),
                "contactpoint.la-team.identity-service-url", "http://127.0.0.1:" + identity.getAddress().getPort());
    }

    /** An account as the team's list shows it, held until the test ends. */
    public static ObjectNode account(String userId, String username, String name, String organisation,
                                     String organisationCode, List<String> roles, String localAuthority) {
        ObjectNode account = JSON.createObjectNode().put("userId", userId).put("username", username).put("name", name)
                .put("localAuthority", localAuthority).put("organisationCode", organisationCode)
                .put("organisation", organisation).put("status", "ACTIVE").put("createdBy", "test")
                .put("createdAt", Instant.now().toString()).put("changedAt", Instant.now().toString());
        ArrayNode held = account.putArray("roles");
        roles.forEach(held::add);
        ACCOUNTS.put(userId, account);
        return account;
    }

    /** An open investigation in the inbox of this authority's team. */
    public static ObjectNode investigation(String userId, String userName, String rule, String localAuthority) {
        String id = UUID.randomUUID().toString();
        ObjectNode investigation = JSON.createObjectNode().put("investigationId", id)
                .put("alertId", UUID.randomUUID().toString()).put("rule", rule)
                .put("summary", userName + " made 31 searches within 10 minutes").put("userId", userId)
                .put("userName", userName).put("organisation", "Hillside Primary School")
                .put("organisationCode", "URN100001").put("localAuthority", localAuthority)
                .put("accountSuspended", true).put("openedAt", "2026-12-06T09:15:00Z");
        INVESTIGATIONS.put(id, investigation);
        return investigation;
    }

    /** As the real services do, bad input (a body that is not JSON, a missing query) is a 400 problem, never a dropped
     * connection: the gateway's fuzz test sends its hostile requests through to here. */
    private void answer(String service, HttpExchange exchange) throws IOException {
        try {
            answerWell(service, exchange);
        } catch (IOException | RuntimeException e) {
            try {
                problem(exchange, 400, "The request could not be read: " + e.getClass().getSimpleName());
            } catch (IOException | RuntimeException alreadyAnswered) {
                exchange.close();
            }
        }
    }

    private void answerWell(String service, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String purpose = exchange.getRequestHeaders().getFirst("X-Purpose-Of-Use");
        RECEIVED.add(new Received(service, method, exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), purpose,
                exchange.getRequestHeaders().getFirst("If-Match"), body));
        String[] parts = path.split("/");
        if (service.equals("identity-service")) {
            if (method.equals("GET") && path.equals("/data-quality")) {
                reply(exchange, 200, """
                        {"from":"2026-11-01","to":"2026-11-30","feeds":[{"source":"school-census","recordsReceived":1200,\
                        "linked":1100,"created":60,"sentToReview":30,"rejected":10}],\
                        "reviewQueue":{"size":30,"oldestDays":12},"unconfirmedFor12Months":4,"suspectedDuplicates":7}""");
            } else {
                problem(exchange, 404, "Not a path of identity-service");
            }
            return;
        }
        if (method.equals("GET") && path.equals("/v2/accounts")) {
            page(exchange, ACCOUNTS.values().stream()
                    .sorted((a, b) -> a.path("name").asText().compareTo(b.path("name").asText())).toList());
        } else if (method.equals("POST") && path.equals("/accounts")) {
            JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
            String username = request.path("username").asText("");
            if (ACCOUNTS.values().stream().anyMatch(a -> a.path("username").asText().equals(username))) {
                problem(exchange, 409, "There is already an account " + username);
                return;
            }
            // The local realm's identity provider id is the username (RealKeycloak); audit-service answers the id its
            // identity provider gave the new user.
            List<String> roles = JSON.convertValue(request.path("roles"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            ObjectNode created = account(username, username, request.path("name").asText(), "Islington Council",
                    "LA-E09000019", roles, "E09000019");
            exchange.getResponseHeaders().add("Location", "/accounts/" + username);
            reply(exchange, 201, created.toString());
        } else if (path.startsWith("/accounts/") && parts.length == 4) {
            ObjectNode account = ACCOUNTS.get(parts[2]);
            if (account == null) {
                problem(exchange, 404, "No account " + parts[2] + " in your authority");
                return;
            }
            String reason = JSON.readTree(body.isEmpty() ? "{}" : body).path("reason").asText(null);
            if (method.equals("POST") && parts[3].equals("suspension")) {
                change(account, "SUSPENDED", reason);
            } else if (method.equals("DELETE") && parts[3].equals("suspension")) {
                change(account, "ACTIVE", null);
            } else if (method.equals("POST") && parts[3].equals("closure")) {
                change(account, "CLOSED", reason);
            } else {
                problem(exchange, 405, "Not a method of " + path);
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"" + account.path("changedAt").asText().hashCode() + "\"");
            reply(exchange, 200, account.toString());
        } else if (method.equals("GET") && path.equals("/partner-organisations")) {
            ArrayNode partners = JSON.createArrayNode();
            PARTNERS.forEach(partners::add);
            reply(exchange, 200, partners.toString());
        } else if (method.equals("POST") && path.equals("/partner-organisations")) {
            ObjectNode partner = (ObjectNode) JSON.readTree(body);
            partner.put("localAuthority", "E09000019").put("national", false);
            PARTNERS.add(partner);
            reply(exchange, 201, partner.toString());
        } else if (method.equals("GET") && path.equals("/v2/investigations")) {
            boolean closedToo = "true".equals(query(exchange).get("includeClosed"));
            page(exchange, INVESTIGATIONS.values().stream().filter(i -> closedToo || !i.has("closedAt"))
                    .sorted((a, b) -> b.path("openedAt").asText().compareTo(a.path("openedAt").asText())).toList());
        } else if (method.equals("POST") && path.startsWith("/investigations/") && path.endsWith("/closure")) {
            ObjectNode investigation = INVESTIGATIONS.get(parts[2]);
            JsonNode closure = JSON.readTree(body.isEmpty() ? "{}" : body);
            if (investigation == null) {
                problem(exchange, 404, "No investigation " + parts[2]);
            } else if (investigation.has("closedAt")) {
                problem(exchange, 409, "This investigation is already closed");
            } else if (!List.of("NO_MISUSE", "MISUSE_CONFIRMED", "REFERRED").contains(closure.path("outcome").asText())) {
                fieldProblem(exchange, "outcome", "must be NO_MISUSE, MISUSE_CONFIRMED or REFERRED");
            } else {
                investigation.put("outcome", closure.path("outcome").asText())
                        .put("outcomeNote", closure.path("note").asText()).put("closedBy", "la-manager")
                        .put("closedAt", Instant.now().toString());
                reply(exchange, 200, investigation.toString());
            }
        } else if (method.equals("GET") && path.equals("/v2/access-notifications")) {
            if (purpose == null) {
                problem(exchange, 400, "X-Purpose-Of-Use is required");
                return;
            }
            page(exchange, List.copyOf(ACCESS_NOTIFICATIONS));
        } else if (method.equals("POST") && path.startsWith("/access-notifications/")) {
            ACCESS_NOTIFICATIONS.stream().filter(n -> n.path("notificationId").asText().equals(parts[2])).findFirst()
                    .ifPresent(n -> n.put("acknowledgedAt", Instant.now().toString()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else if (method.equals("GET") && path.equals("/usage-reports")) {
            // audit-service's UsageReport, as it answers.
            reply(exchange, 200, """
                    {"from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z","localAuthority":"E09000019",\
                    "lookups":[{"day":"2026-11-18","organisationCode":"URN100001","organisation":\
                    "Hillside Primary School","count":42}],"breakGlassAccesses":[{"day":"2026-11-18",\
                    "organisationCode":"URN100001","organisation":"Hillside Primary School","count":1}],\
                    "shieldedAccesses":[{"day":"2026-11-19","organisationCode":"URN100001","organisation":\
                    "Hillside Primary School","count":3}],"alertsByRule":[{"rule":"SEARCH_BURST","alerts":2}],\
                    "refusals":[{"day":"2026-11-20","organisationCode":"URN100001","organisation":\
                    "Hillside Primary School","count":5}]}""");
        } else {
            problem(exchange, 404, "Not a path of audit-service");
        }
    }

    /**
     * As audit-service's v2 lists (service-support {@code Paging}): {@code page} from 0 and {@code size} (default 50),
     * the page as a JSON array, {@code Link: <…>; rel="next"} (audit-service's own address) while more follow. The
     * v1 envelopes ({@code GET /accounts}, {@code /investigations}, {@code /access-notifications}) are not served
     * here: the gateway must not call them.
     */
    private static void page(HttpExchange exchange, List<ObjectNode> items) throws IOException {
        Map<String, String> query = query(exchange);
        int page = Integer.parseInt(query.getOrDefault("page", "0"));
        int size = Integer.parseInt(query.getOrDefault("size", "50"));
        ArrayNode body = JSON.createArrayNode();
        items.stream().skip((long) page * size).limit(size).forEach(body::add);
        if ((long) (page + 1) * size < items.size()) {
            String rest = exchange.getRequestURI().getRawQuery().replaceAll("(^|&)(page|size)=[^&]*", "")
                    .replaceFirst("^&", "");
            exchange.getResponseHeaders().add("Link", "<http://" + exchange.getLocalAddress().getHostString() + ":"
                    + exchange.getLocalAddress().getPort() + exchange.getRequestURI().getPath() + "?"
                    + (rest.isEmpty() ? "" : rest + "&") + "page=" + (page + 1) + "&size=" + size + ">; rel=\"next\"");
        }
        reply(exchange, 200, body.toString());
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new java.util.HashMap<>();
        String query = exchange.getRequestURI().getQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
        }
        return parameters;
    }

    /** As audit-service: the account's new status, published for every service when it refuses (or no longer does). */
    private static void change(ObjectNode account, String status, String reason) {
        String userId = account.path("userId").asText();
        account.put("status", status).put("statusReason", reason).put("changedAt", Instant.now().toString());
        if (status.equals("ACTIVE")) {
            TestKafkaClient.send(AccountSuspension.TOPIC, userId, null, Map.of(CloudEventHeaders.ID,
                    UUID.randomUUID().toString(), CloudEventHeaders.TYPE, AccountSuspension.REINSTATED));
        } else {
            TestKafkaClient.send(AccountSuspension.TOPIC, userId, GatewayFixtures.write(new AccountSuspension(userId,
                            status, reason, "E09000019", Instant.now(), "la-manager")),
                    Map.of(CloudEventHeaders.ID, UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
                            status.equals("CLOSED") ? AccountSuspension.CLOSED : AccountSuspension.SUSPENDED));
        }
    }

    private static void fieldProblem(HttpExchange exchange, String field, String reason) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        send(exchange, 400, "{\"title\":\"Bad request\",\"status\":400,\"detail\":\"" + field + " " + reason
                + "\",\"errors\":[{\"field\":\"" + field + "\",\"reason\":\"" + reason + "\"}]}");
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        send(exchange, status, "{\"title\":\"Refused\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, status, json);
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (audit != null) {
            audit.stop(0);
        }
        if (identity != null) {
            identity.stop(0);
        }
    }
}
