package org.contactpoint.involvement.domain;

/**
 * An identifier a source system holds for a child (e.g. {@code NHS_NUMBER} 9434765919, or an LA case id as
 * {@code SOURCE_ID} from {@code LA_CASE_SYSTEM}), for agencies that lack the ContactPoint ID.
 *
 * @param source the source system that holds it; when an agency names one, only identifiers from it match
 */
public record SourceIdentifier(String scheme, String value, String source) {
}
