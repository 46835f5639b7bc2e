package org.contactpoint.gateway.domain;

/** Where an involvement stands; {@code REMOVED} means it must be deleted everywhere. */
public enum InvolvementStatus {
    ACTIVE,
    CEASED,
    REMOVED
}
