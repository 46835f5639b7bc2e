package org.contactpoint.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param errors for validation failures: each field that was wrong and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_BASE = "https://contactpoint.example/problems/";

    /** A problem whose type is named after its title, e.g. "Invalid request" → {@code .../invalid-request}. */
    public static Problem of(int status, String title, String detail, String instance, List<FieldError> errors) {
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, errors);
    }

    /** A field of the request that was wrong, named by its JSON path, e.g. {@code parentsCarers[0].email}. */
    public record FieldError(String field, String reason) {
    }
}
