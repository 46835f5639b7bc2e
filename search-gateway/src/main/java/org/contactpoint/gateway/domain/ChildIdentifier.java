package org.contactpoint.gateway.domain;

import org.contactpoint.events.NhsNumbers;

/**
 * An exact identifier a child is looked up by: its ContactPoint ID, or an identifier a source system holds (the
 * {@code value} already checked and in its one written form).
 */
public record ChildIdentifier(String scheme, String value) {

    public static final String CONTACT_POINT_ID = "CONTACT_POINT_ID";

    public static ChildIdentifier contactPointId(String id) {
        return new ChildIdentifier(CONTACT_POINT_ID, id);
    }

    public static ChildIdentifier nhsNumber(String digits) {
        return new ChildIdentifier(NhsNumbers.SCHEME, digits);
    }

    public boolean isContactPointId() {
        return CONTACT_POINT_ID.equals(scheme);
    }
}
