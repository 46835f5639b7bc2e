package org.contactpoint.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation a running service publishes in {@code /q/openapi}, so that security and bad-input tests cover a new
 * endpoint the day it is added rather than the day someone remembers it.
 */
public final class OpenApiEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiEndpoints() {
    }

    /** Reads {@code base/q/openapi?format=json}; fails when the document lists no operation at all. */
    public static List<ApiOperation> read(URI base) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(base.resolve("/q/openapi?format=json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            List<ApiOperation> operations = parse(JSON.readTree(response.body()));
            if (operations.isEmpty()) {
                throw new IllegalStateException("/q/openapi lists no operation: the security tests would cover nothing");
            }
            return operations;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not read /q/openapi", e);
        }
    }

    static List<ApiOperation> parse(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> method = m.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<String> pathParams = new ArrayList<>();
                Map<String, String> queryParams = new LinkedHashMap<>();
                List<JsonNode> params = new ArrayList<>();
                path.getValue().path("parameters").forEach(params::add);
                op.path("parameters").forEach(params::add);
                for (JsonNode param : params) {
                    JsonNode resolved = resolve(document, param);
                    String in = resolved.path("in").asText();
                    if (in.equals("path")) {
                        pathParams.add(resolved.path("name").asText());
                    } else if (in.equals("query")) {
                        queryParams.put(resolved.path("name").asText(),
                                resolve(document, resolved.path("schema")).path("type").asText("string"));
                    }
                }
                List<String> bodyTypes = new ArrayList<>();
                JsonNode schema = null;
                JsonNode content = op.path("requestBody").path("content");
                for (Iterator<Map.Entry<String, JsonNode>> c = content.fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = c.next();
                    bodyTypes.add(type.getKey());
                    if (schema == null && type.getValue().has("schema")) {
                        schema = deepResolve(document, type.getValue().path("schema"), 0);
                    }
                }
                operations.add(new ApiOperation(method.getKey().toUpperCase(), path.getKey(), pathParams, queryParams,
                        bodyTypes, schema));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    private static JsonNode deepResolve(JsonNode document, JsonNode node, int depth) {
        JsonNode resolved = resolve(document, node);
        if (depth > 8 || !resolved.isObject()) {
            return resolved;
        }
        ObjectNode copy = resolved.deepCopy();
        if (copy.has("properties")) {
            ObjectNode props = copy.putObject("properties");
            resolved.path("properties").fields().forEachRemaining(
                    e -> props.set(e.getKey(), deepResolve(document, e.getValue(), depth + 1)));
        }
        if (copy.has("items")) {
            copy.set("items", deepResolve(document, resolved.path("items"), depth + 1));
        }
        return copy;
    }
}
