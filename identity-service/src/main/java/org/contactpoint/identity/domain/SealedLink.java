package org.contactpoint.identity.domain;

import java.time.Instant;

/** One end of a sealed link between a closed and a new identity, seen from a child. */
public record SealedLink(String direction, String contactPointId, String reason, String createdBy, Instant createdAt) {
}
