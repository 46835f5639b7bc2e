package org.contactpoint.audit.domain;

/** Where an involvement stands; a removed one is forgotten. */
public enum InvolvementStatus {
    ACTIVE,
    CEASED,
    REMOVED
}
