package org.contactpoint.gateway.domain;

/** An identifier a source system holds for the child, e.g. {@code NHS_NUMBER}, {@code UPN}, {@code LA_CASE_ID}. */
public record SourceIdentifier(String scheme, String value, String source) {
}
