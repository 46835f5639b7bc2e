package org.contactpoint.support.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A v1 operation with a successor, as the deprecation policy in docs/api.md says: every answer carries
 * {@code Deprecation} (RFC 9745) since the announcement, {@code Sunset} (RFC 8594) and a {@code Link} to the successor
 * ({@code rel="successor-version"}), set by {@link Deprecations}. Mark the method {@link Deprecated} too, so the
 * OpenAPI document says {@code deprecated: true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Superseded {

    /** The successor's path, e.g. {@code /v2/audit-records}. */
    String by();

    /** The day the deprecation was announced to the integrators (ISO date). */
    String since();

    /** The first day the operation may be gone: at least 12 months after {@link #since()} (ISO date). */
    String sunset();
}
