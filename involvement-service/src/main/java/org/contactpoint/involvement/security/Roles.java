package org.contactpoint.involvement.security;

/** The roles involvement-service recognises, as they appear in the token's {@code groups} claim. */
public final class Roles {

    /** An agency's system that submits involvements (REST or the agency topic). */
    public static final String AGENCY_SYSTEM = "agency-system";
    /** A practitioner's case-management system: submits involvements like an agency. */
    public static final String CASE_MANAGEMENT = "case-management";
    /** A practitioner: reads their own organisation's involvements, asks for contact with a sensitive service. */
    public static final String PRACTITIONER = "practitioner";
    /** The audit team: resolves the trail's references to what they stand for, stating a purpose each time. */
    public static final String AUDITOR = "auditor";
    /** A local authority's ContactPoint management team: sees sensitive services of its children, brokers contact. */
    public static final String LA_MANAGEMENT = "la-management";

    private Roles() {
    }
}
