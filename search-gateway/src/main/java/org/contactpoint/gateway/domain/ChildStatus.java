package org.contactpoint.gateway.domain;

/** Where a child's record stands, as identity-service decided it. */
public enum ChildStatus {
    ACTIVE,
    DECEASED,
    /** Kept for the record, never shown to practitioners. */
    ARCHIVED,
    /** A duplicate: the child is the one it was merged into. */
    MERGED,
    /** An old identity replaced by a new one (after adoption, or to protect the child). */
    CLOSED
}
