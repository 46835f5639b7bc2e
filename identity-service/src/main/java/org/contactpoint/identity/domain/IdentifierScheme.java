package org.contactpoint.identity.domain;

/** The identifiers source systems hold for a child. */
public enum IdentifierScheme {
    /** NHS number: national, ten digits with a mod 11 check digit. */
    NHS_NUMBER(true),
    /** Unique pupil number: national, a check letter and twelve characters. */
    UPN(true),
    /** A local authority's own case id: only unique within that source. */
    LA_CASE_ID(false);

    private final boolean national;

    IdentifierScheme(boolean national) {
        this.national = national;
    }

    /** True when the same value from any source is the same child. */
    public boolean national() {
        return national;
    }
}
