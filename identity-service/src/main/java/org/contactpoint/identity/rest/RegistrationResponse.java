package org.contactpoint.identity.rest;

/**
 * What happened to a submitted record.
 *
 * @param outcome {@code CREATED} for a new child, {@code LINKED} when the record matched a child already known
 */
public record RegistrationResponse(String contactPointId, String outcome, long version) {
}
