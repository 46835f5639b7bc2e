package org.contactpoint.testing.security;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One operation of a service's public surface as its OpenAPI document describes it.
 *
 * @param method       HTTP method, upper case
 * @param path         the path template, e.g. {@code /children/{contactPointId}}
 * @param pathParams   names of the template's parameters
 * @param queryParams  query parameter name to its schema type ({@code string}, {@code integer}, ...)
 * @param bodyTypes    media types the request body accepts (empty when the operation takes no body)
 * @param bodySchema   the request body's schema with {@code $ref}s resolved, or null
 */
public record ApiOperation(String method, String path, List<String> pathParams, Map<String, String> queryParams,
                           List<String> bodyTypes, JsonNode bodySchema) {

    /** {@code "GET /children/{contactPointId}"}: how tests name an operation. */
    public String key() {
        return method + " " + path;
    }

    /** The path with each parameter replaced by the value given for its name (URL-encoded). */
    public String fill(Map<String, String> values) {
        String filled = path;
        for (String name : pathParams) {
            String value = values.getOrDefault(name, "00000000-0000-0000-0000-000000000000");
            filled = filled.replace("{" + name + "}", java.net.URLEncoder.encode(value,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return filled;
    }

    public boolean takesJson() {
        return bodyTypes.stream().anyMatch(t -> t.contains("json"));
    }
}
