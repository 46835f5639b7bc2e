package org.contactpoint.identity.application;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * What one source said about one field of a child, when, and what became of it (issue 18's provenance).
 *
 * @param field      ADDRESS, NAMES or PARENTS_CARERS
 * @param source     the source system, or {@code LOCAL_AUTHORITY_EDIT} for the authority's own edit
 * @param value      the value as that source gave it
 * @param outcome    APPLIED (in force then), KEPT (a local authority's edit won) or CONFLICT (a person decides)
 * @param reason     why, in words
 * @param inForce    this is the field's value in force now
 * @param settledAt  for a conflict: when a later value in force answered it (null while it waits)
 */
public record FieldProvenance(String contactPointId, String field, String source, JsonNode value,
                              Instant assertedAt, String outcome, String reason, boolean inForce,
                              Instant settledAt) {
}
