package org.contactpoint.events.involvement;

/** The facts involvement-service publishes about an involvement, each carrying an {@link InvolvementEvent}. */
public final class InvolvementEventTypes {

    public static final String STARTED = "involvement.involvement.started.v1";
    public static final String UPDATED = "involvement.involvement.updated.v1";
    public static final String CEASED = "involvement.involvement.ceased.v1";
    /** Consent withdrawn, child purged or submission retracted: every downstream store must delete it. */
    public static final String REMOVED = "involvement.involvement.removed.v1";
    /** Re-homed to another child after a merge or an unmerge. */
    public static final String REHOMED = "involvement.involvement.rehomed.v1";

    private InvolvementEventTypes() {
    }
}
