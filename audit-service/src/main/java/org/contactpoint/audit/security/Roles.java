package org.contactpoint.audit.security;

/** Role names (the token's {@code groups}) audit-service checks. */
public final class Roles {

    /** The security team: may query the whole trail, verify it and see subject access reports. */
    public static final String AUDITOR = "auditor";
    /** A professional working with children; sees recent accesses to a child they are lead professional for. */
    public static final String PRACTITIONER = "practitioner";

    private Roles() {
    }
}
