package org.contactpoint.identity.security;

/** The roles identity-service recognises, as they appear in the token's {@code groups} claim. */
public final class Roles {

    /** A source system or case-management system that submits children's records. */
    public static final String FEED_SYSTEM = "feed-system";
    /** A practitioner's case-management system (registers children it works with). */
    public static final String CASE_MANAGEMENT = "case-management";
    /** A local authority's ContactPoint management team: review queue, shielding, merges. */
    public static final String LA_MANAGEMENT = "la-management";
    public static final String ADMINISTRATOR = "administrator";

    private Roles() {
    }
}
