package org.contactpoint.audit.security;

/** Role names (the token's {@code groups}) audit-service checks. */
public final class Roles {

    /** The security team: may query the whole trail, verify it and see subject access reports. */
    public static final String AUDITOR = "auditor";
    /** A professional working with children; sees recent accesses to a child they are lead professional for. */
    public static final String PRACTITIONER = "practitioner";

    /**
     * A local authority's children's services team: reads and acknowledges the access notifications of its own
     * authority (the token's {@code la} claim).
     */
    public static final String LA_MANAGEMENT = "la-management";

    private Roles() {
    }
}
