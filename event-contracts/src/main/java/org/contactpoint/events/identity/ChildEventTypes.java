package org.contactpoint.events.identity;

/** The facts identity-service publishes about a child, each carrying a full {@link ChildEvent} (except purge). */
public final class ChildEventTypes {

    public static final String REGISTERED = "identity.child.registered.v1";
    public static final String UPDATED = "identity.child.updated.v1";
    public static final String SHIELDED = "identity.child.shielded.v1";
    public static final String UNSHIELDED = "identity.child.unshielded.v1";
    public static final String MERGED = "identity.child.merged.v1";
    public static final String UNMERGED = "identity.child.unmerged.v1";
    public static final String MOVED_LOCAL_AUTHORITY = "identity.child.moved-local-authority.v1";
    public static final String DIED = "identity.child.died.v1";
    public static final String ARCHIVED = "identity.child.archived.v1";
    public static final String CLOSED = "identity.child.closed.v1";
    /** A tombstone: the record value is null, so every store and the compacted topic forget the child. */
    public static final String PURGED = "identity.child.purged.v1";

    private ChildEventTypes() {
    }
}
