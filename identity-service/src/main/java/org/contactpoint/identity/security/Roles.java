package org.contactpoint.identity.security;

/** The roles identity-service recognises, as they appear in the token's {@code groups} claim. */
public final class Roles {

    /** A source system (health, school census, benefits, children's social care) that submits children's records. */
    public static final String FEED_SYSTEM = "feed-system";
    /** A practitioner's case-management system (registers children it works with). */
    public static final String CASE_MANAGEMENT = "case-management";
    /** A local authority's ContactPoint management team: review queue, shielding, merges, lifecycle. */
    public static final String LA_MANAGEMENT = "la-management";
    /** The few people who may see the sealed link between a closed identity and a new one. */
    public static final String SEALED_RECORDS = "sealed-records";
    /** National administrators: everything the management team may do, for every local authority. */
    public static final String ADMINISTRATOR = "administrator";
    /** England's figures (data quality, usage), no personal data (issue 23). */
    public static final String NATIONAL_OVERVIEW = "national-overview";

    private Roles() {
    }
}
