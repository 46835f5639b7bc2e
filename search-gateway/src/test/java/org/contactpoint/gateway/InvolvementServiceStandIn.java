package org.contactpoint.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * involvement-service's REST contract for the five requests the page's self-service passes through (the gateway's
 * tests cannot run that service): it records each request as received (method, path, Authorization, purpose, body)
 * and answers as involvement-service does, so a test sees exactly what the gateway forwarded and the page shows.
 * A global test resource (same for every class, so Quarkus does not restart).
 */
public class InvolvementServiceStandIn implements QuarkusTestResourceLifecycleManager {

    /** One request as involvement-service received it. */
    public record Received(String method, String path, String authorization, String purpose, String body) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Notifications the inbox answers with (JSON objects), set by a test. */
    public static final List<String> INBOX = new CopyOnWriteArrayList<>();
    /** The {@code traceparent} each request arrived with, by path and query. */
    public static final Map<String, String> TRACEPARENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
        return Map.of("contactpoint.involvement-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        if (traceparent != null) {
            TRACEPARENTS.put(exchange.getRequestURI().toString(), traceparent);
        }
        RECEIVED.add(new Received(method, exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Purpose-Of-Use"), body));
        if (method.equals("POST") && path.equals("/involvements")) {
            reply(exchange, 201, "{\"involvementId\":\"" + UUID.randomUUID() + "\",\"status\":\"ACTIVE\"}");
        } else if (method.equals("POST") && path.endsWith("/cease")) {
            reply(exchange, 200, "{\"involvementId\":\"" + path.split("/")[2] + "\",\"status\":\"CEASED\"}");
        } else if (method.equals("POST") && path.endsWith("/brokering-requests")) {
            reply(exchange, 201, "{\"brokeringRequestId\":\"" + UUID.randomUUID() + "\",\"involvementId\":\""
                    + path.split("/")[2] + "\",\"status\":\"OPEN\"}");
        } else if (method.equals("GET") && path.equals("/notifications")) {
            if (exchange.getRequestHeaders().getFirst("X-Purpose-Of-Use") == null) {
                problem(exchange, 400, "X-Purpose-Of-Use is required");
            } else {
                reply(exchange, 200, "[" + String.join(",", INBOX) + "]");
            }
        } else if (method.equals("POST") && path.endsWith("/acknowledgement")) {
            String id = path.split("/")[2];
            String held = INBOX.stream().filter(n -> n.contains(id)).findFirst().orElse(null);
            if (held == null) {
                problem(exchange, 404, "No such notification");
            } else {
                reply(exchange, 200, held.replaceFirst("\\}$", ",\"acknowledgedAt\":\"2026-12-06T10:00:00Z\"}"));
            }
        } else {
            problem(exchange, 404, "Not a path of involvement-service");
        }
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
        if (server != null) {
            server.stop(0);
        }
    }
}
