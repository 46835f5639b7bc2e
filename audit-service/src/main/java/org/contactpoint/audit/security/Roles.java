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

    /** Runs the service: registers national partner organisations (a charity working across England). */
    public static final String ADMINISTRATOR = "administrator";
    /** England's figures (data quality, usage), no personal data (issue 23). */
    public static final String NATIONAL_OVERVIEW = "national-overview";

    /**
     * The roles a local authority's team may give its own staff; a partner organisation's staff may hold those of
     * them the organisation was registered with. The national roles (auditor, administrator, sealed records) and the
     * systems' roles are given by the service's operators, never by an authority.
     */
    public static final java.util.List<String> GRANTED_BY_AUTHORITIES = java.util.List.of(PRACTITIONER,
            "child-protection", LA_MANAGEMENT);

    private Roles() {
    }
}
