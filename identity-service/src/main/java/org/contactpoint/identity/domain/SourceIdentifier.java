package org.contactpoint.identity.domain;

/** An identifier as other services see it: scheme ({@code NHS_NUMBER}, {@code UPN}, ...), value, the source holding it. */
public record SourceIdentifier(String scheme, String value, String source) {
}
