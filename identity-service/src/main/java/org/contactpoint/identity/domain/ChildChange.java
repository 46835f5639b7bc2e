package org.contactpoint.identity.domain;

/** What happened to a child, announced with its new state. */
public enum ChildChange {
    REGISTERED, UPDATED, SHIELDED, UNSHIELDED, MERGED, UNMERGED, MOVED_LOCAL_AUTHORITY, DIED, ARCHIVED,
    /** The identity was closed for a new one: announced without anything that leads to where the child is. */
    CLOSED
}
