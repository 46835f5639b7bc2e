package org.contactpoint.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.contactpoint.testing.TestTokens;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sends malformed and hostile requests to every operation in a service's OpenAPI document, from a fixed seed so a
 * failure can be replayed: schema-shaped bodies with one or every field made hostile, bodies of the wrong JSON type,
 * broken or deeply nested JSON, huge numbers, wrong content types, oversized bodies, hostile path and query parameters.
 * Each request carries a genuine token for a different caller (so a per-caller quota does not hide the code behind
 * it). The report counts statuses; a 5xx, or a 4xx that is not problem+json, is a finding.
 */
public final class HttpFuzzer {

    private final URI base;
    private final Random random;
    private final Map<String, String> pathValues = new HashMap<>();
    private final java.util.Set<String> excluded = new java.util.HashSet<>();
    private Function<ApiOperation, String[]> roles = op -> SecurityMatrix.ALL_ROLES.toArray(String[]::new);
    // HTTP/1.1, as browsers and agency systems call the services; the JDK's h2c upgrade only muddles the answers.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpFuzzer(URI base, long seed) {
        this.base = base;
        this.random = new Random(seed);
    }

    public static HttpFuzzer of(URI base, long seed) {
        return new HttpFuzzer(base, seed);
    }

    /**
     * Leaves an operation out, for one whose every call is expensive by design (a full rebuild); the reason is for the
     * reader. The security matrix still covers it.
     */
    public HttpFuzzer exclude(String operation, String reason) {
        excluded.add(operation);
        return this;
    }

    public HttpFuzzer pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** The roles the fuzzing caller has for an operation (default: every role, so every operation is reached). */
    public HttpFuzzer roles(Function<ApiOperation, String[]> roles) {
        this.roles = roles;
        return this;
    }

    /**
     * The figures of one run. {@code transportRefusals} counts connections the server closed while an oversized body
     * was still being sent (it refuses before reading it); a 413, 414 or 431 answer must be problem+json like any 4xx.
     */
    public record Report(int sent, Map<Integer, Integer> statuses, int notProblemJson, List<String> serverErrors,
                         List<String> notProblemSamples, int transportRefusals) {
        @Override
        public String toString() {
            return "requests=" + sent + " statuses=" + statuses + " 4xx-not-problem+json=" + notProblemJson
                    + " closed-on-oversized-body=" + transportRefusals + " 5xx=" + serverErrors.size();
        }
    }

    public Report run(int requests) {
        List<ApiOperation> operations = OpenApiEndpoints.read(base).stream()
                .filter(op -> !excluded.contains(op.key())).toList();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblem = new ArrayList<>();
        int notProblemCount = 0;
        int transport = 0;
        for (int i = 0; i < requests; i++) {
            ApiOperation op = operations.get(random.nextInt(operations.size()));
            Attempt attempt = mutate(op);
            String auth = "Bearer " + TestTokens.user("fuzz-" + (i % 997)).roles(roles.apply(op)).sign();
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(attempt.pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
                    .header("X-Purpose-Of-Use", attempt.purpose);
            if (attempt.body != null) {
                request.header("Content-Type", attempt.contentType);
                request.method(op.method(), HttpRequest.BodyPublishers.ofString(attempt.body));
            } else {
                request.method(op.method(), HttpRequest.BodyPublishers.noBody());
            }
            int status;
            String contentType;
            String body;
            try {
                HttpResponse<String> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException closed) {
                    // The server closes a connection after refusing an oversized body; the client may already have
                    // picked that pooled connection for this request. Once more, on a fresh connection.
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                }
                status = response.statusCode();
                contentType = response.headers().firstValue("Content-Type").orElse("");
                body = response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.io.IOException e) {
                // The server closing the connection on an oversized body is a refusal, not a failure.
                status = -1;
                contentType = "";
                body = e.toString();
            }
            statuses.merge(status, 1, Integer::sum);
            String what = op.key() + " [" + attempt.kind + "] " + abbreviate(attempt.pathAndQuery) + " "
                    + abbreviate(attempt.body) + " -> " + status + " " + abbreviate(body);
            boolean oversized = attempt.kind.equals("oversized body") || attempt.kind.equals("megabyte field");
            if (status == -1 && oversized) {
                transport++;
            } else if (status >= 500 || status == -1) {
                serverErrors.add(what);
            } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
                notProblemCount++;
                if (notProblem.size() < 20) {
                    notProblem.add(what + " (" + contentType + ")");
                }
            }
        }
        return new Report(requests, statuses, notProblemCount, serverErrors, notProblem, transport);
    }

    /**
     * Sends, to every operation, text no database can store where text belongs: a NUL character and a lone surrogate
     * (as the JSON escape) in each string field of an otherwise plausible body, and a NUL in each query and path
     * parameter (a URL cannot carry a lone surrogate: its encoding makes it {@code ?}). Each must be refused with 400
     * and a problem document that names the field or parameter, before any of the service's code runs. Returns what
     * was answered otherwise, empty when every probe was refused so.
     */
    public List<String> unstorableTextFindings() {
        List<ApiOperation> operations = OpenApiEndpoints.read(base).stream()
                .filter(op -> !excluded.contains(op.key())).toList();
        List<String> findings = new ArrayList<>();
        int caller = 0;
        for (ApiOperation op : operations) {
            for (Map.Entry<String, String> text : HostileValues.UNSTORABLE_TEXT.entrySet()) {
                JsonNode schema = op.bodySchema();
                if (op.takesJson() && schema != null && schema.has("properties")) {
                    List<String> fields = new ArrayList<>();
                    schema.path("properties").fields().forEachRemaining(f -> {
                        if ("string".equals(f.getValue().path("type").asText("")) && !f.getValue().has("enum")) {
                            fields.add(f.getKey());
                        }
                    });
                    for (String field : fields) {
                        String body = objectWith(schema, field, HostileValues.quote(text.getValue()));
                        probe(op, op.fill(pathValues), body, field, "body field " + field + " with a " + text.getKey(),
                                caller++, findings);
                    }
                }
                if (!text.getValue().equals(HostileValues.NUL)) {
                    continue;
                }
                for (String name : op.queryParams().keySet()) {
                    StringBuilder query = new StringBuilder();
                    appendQuery(query, name, text.getValue());
                    probe(op, op.fill(pathValues) + "?" + query, null, name,
                            "query parameter " + name + " with a " + text.getKey(), caller++, findings);
                }
                for (String name : op.pathParams()) {
                    Map<String, String> values = new HashMap<>(pathValues);
                    values.put(name, text.getValue());
                    probe(op, op.fill(values), null, name, "path parameter " + name + " with a " + text.getKey(),
                            caller++, findings);
                }
            }
        }
        return findings;
    }

    private void probe(ApiOperation op, String pathAndQuery, String body, String field, String what, int caller,
                       List<String> findings) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestTokens.user("text-probe-" + caller)
                        .roles(roles.apply(op)).sign())
                .header("X-Purpose-Of-Use", "DIRECT_CARE");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(op.method(), HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            findings.add(op.key() + " [" + what + "] -> " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        boolean named;
        try {
            JsonNode problem = READER.readTree(response.body());
            named = java.util.stream.StreamSupport.stream(problem.path("errors").spliterator(), false)
                    .anyMatch(e -> e.path("field").asText("").equals(field)
                            || e.path("field").asText("").startsWith(field + "."))
                    || problem.path("detail").asText("").contains(field);
        } catch (Exception notJson) {
            named = false;
        }
        if (response.statusCode() != 400 || !contentType.startsWith("application/problem+json") || !named) {
            findings.add(op.key() + " [" + what + "] -> " + response.statusCode() + " " + contentType + " "
                    + abbreviate(response.body()));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A plausible object for the schema with one field's value replaced by the given JSON text. */
    private String objectWith(JsonNode schema, String target, String json) {
        StringBuilder out = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(HostileValues.quote(field.getKey())).append(':')
                    .append(field.getKey().equals(target) ? json : plausibleValue(field.getValue(), 0));
        }
        return out.append('}').toString();
    }

    private record Attempt(String kind, String pathAndQuery, String contentType, String body, String purpose) {
    }

    private Attempt mutate(ApiOperation op) {
        Map<String, String> params = new HashMap<>(pathValues);
        String kind;
        String body = null;
        String contentType = "application/json";
        StringBuilder query = new StringBuilder();
        String purpose = "DIRECT_CARE";
        int choice = random.nextInt(100);
        boolean hasBody = !op.bodyTypes().isEmpty();
        if (choice < 15 && !op.pathParams().isEmpty()) {
            kind = "hostile path parameter";
            params.put(op.pathParams().get(random.nextInt(op.pathParams().size())), HostileValues.string(random));
        } else if (choice < 35 && !op.queryParams().isEmpty()) {
            kind = "hostile query parameters";
            for (String name : op.queryParams().keySet()) {
                if (random.nextInt(3) > 0) {
                    appendQuery(query, name, random.nextBoolean() ? HostileValues.string(random)
                            : plausible(op.queryParams().get(name)));
                }
            }
            if (random.nextInt(4) == 0) {
                appendQuery(query, HostileValues.string(random), HostileValues.string(random));
            }
        } else if (choice < 40) {
            kind = "hostile purpose header";
            // The HTTP client refuses non-ASCII and control characters in headers; CR/LF is tested on a raw socket.
            purpose = HostileValues.string(random).replaceAll("[^\\x20-\\x7e]", "?");
            fillQuery(op, query);
        } else if (!hasBody) {
            kind = "plausible query, hostile extras";
            fillQuery(op, query);
            appendQuery(query, HostileValues.string(random), HostileValues.string(random));
        } else {
            int b = random.nextInt(100);
            if (b < 40) {
                kind = "one hostile field";
                body = object(op.bodySchema(), 1);
            } else if (b < 55) {
                kind = "every field hostile";
                body = object(op.bodySchema(), 2);
            } else if (b < 65) {
                kind = "wrong JSON type";
                body = HostileValues.JSON_VALUES.get(random.nextInt(HostileValues.JSON_VALUES.size()));
            } else if (b < 72) {
                kind = "broken JSON";
                String valid = object(op.bodySchema(), 0);
                body = valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            } else if (b < 78) {
                kind = "deep nesting";
                int depth = 500 + random.nextInt(5000);
                body = "[".repeat(depth) + "]".repeat(depth);
            } else if (b < 84) {
                kind = "wrong content type";
                contentType = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=EBCDIC", "*/*")
                        .get(random.nextInt(6));
                body = object(op.bodySchema(), 0);
            } else if (b < 86) {
                kind = "oversized body";
                body = "{\"x\":\"" + "A".repeat(2 * 1024 * 1024) + "\"}";
            } else if (b < 92) {
                kind = "megabyte field";
                body = object(op.bodySchema(), 3);
            } else {
                kind = "unknown and duplicated fields";
                String valid = object(op.bodySchema(), 0);
                body = valid.length() > 2
                        ? "{\"__proto__\":{\"admin\":true},\"constructor\":1," + valid.substring(1)
                        .replaceFirst("}$", ",\"x\":1,\"x\":2}")
                        : valid;
            }
            fillQuery(op, query);
        }
        String path = op.fill(params);
        return new Attempt(kind, query.length() == 0 ? path : path + "?" + query, contentType, body, purpose);
    }

    private void fillQuery(ApiOperation op, StringBuilder query) {
        op.queryParams().forEach((name, type) -> {
            if (random.nextBoolean()) {
                appendQuery(query, name, plausible(type));
            }
        });
    }

    private static void appendQuery(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private String plausible(String type) {
        return switch (type) {
            case "integer" -> String.valueOf(random.nextInt(50));
            case "boolean" -> "true";
            default -> List.of("Okafor", "2016-03-14", "N7 9QQ", "FEMALE", "DIRECT_CARE").get(random.nextInt(5));
        };
    }

    /**
     * A JSON object shaped by the schema. mode 0: plausible values; 1: one field hostile; 2: every field hostile;
     * 3: one field a 1 MB string.
     */
    private String object(JsonNode schema, int mode) {
        if (schema == null || !schema.has("properties")) {
            return mode == 0 ? "{}" : "{\"value\":" + HostileValues.json(random) + "}";
        }
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        String target = names.isEmpty() ? null : names.get(random.nextInt(names.size()));
        StringBuilder out = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(HostileValues.quote(field.getKey())).append(':');
            boolean hostile = mode == 2 || (mode == 1 || mode == 3) && field.getKey().equals(target);
            if (hostile && mode == 3) {
                out.append('"').append("Ω".repeat(512 * 1024)).append('"');
            } else if (hostile) {
                out.append(HostileValues.json(random));
            } else {
                out.append(plausibleValue(field.getValue(), 0));
            }
        }
        return out.append('}').toString();
    }

    private String plausibleValue(JsonNode schema, int depth) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).toString();
        }
        String type = schema.path("type").asText("string");
        String format = schema.path("format").asText("");
        return switch (type) {
            case "integer", "number" -> String.valueOf(random.nextInt(10));
            case "boolean" -> String.valueOf(random.nextBoolean());
            case "array" -> depth > 3 ? "[]" : "[" + plausibleValue(schema.path("items"), depth + 1) + "]";
            case "object" -> depth > 3 || !schema.has("properties") ? "{}" : nested(schema, depth + 1);
            default -> switch (format) {
                case "date" -> "\"2016-03-14\"";
                case "date-time" -> "\"2024-01-01T10:00:00Z\"";
                default -> "\"" + List.of("Okafor", "Amara", "N7 9QQ", "test", "E09000033").get(random.nextInt(5))
                        + "\"";
            };
        };
    }

    private String nested(JsonNode schema, int depth) {
        StringBuilder out = new StringBuilder("{");
        schema.path("properties").fields().forEachRemaining(f -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(HostileValues.quote(f.getKey())).append(':').append(plausibleValue(f.getValue(), depth));
        });
        return out.append('}').toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 160 ? s.substring(0, 160) + "...(" + s.length() + " chars)" : s;
    }
}
