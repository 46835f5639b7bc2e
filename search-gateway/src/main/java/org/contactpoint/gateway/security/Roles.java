package org.contactpoint.gateway.security;

/** The roles the gateway recognises, as they appear in the token's {@code groups} claim. */
public final class Roles {

    /** Anyone working with children who may look a child up: teachers, GPs, health visitors, social workers. */
    public static final String PRACTITIONER = "practitioner";
    /** Child-protection duties: may break the glass on a shielded child's location, with a reason. */
    public static final String CHILD_PROTECTION = "child-protection";
    /** A local authority's ContactPoint management team. */
    public static final String LA_MANAGEMENT = "la-management";
    /** Runs the service: may rebuild the read model. */
    public static final String ADMINISTRATOR = "administrator";
    /**
     * A case-management system calling for the many people who use it: a system client, with quotas of its own. It
     * still needs a lookup role (practitioner, child-protection or la-management) to look a child up.
     */
    public static final String CASE_MANAGEMENT = "case-management";
    /** Sees the links between a closed identity and its new one (identity-service); never used by the gateway. */
    public static final String SEALED_RECORDS = "sealed-records";

    private Roles() {
    }
}
