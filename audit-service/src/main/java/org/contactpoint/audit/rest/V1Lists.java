package org.contactpoint.audit.rest;

/**
 * The v1 lists in envelopes of their own ({@code GET /audit-records}, {@code /access-notifications}, {@code /accounts},
 * {@code /investigations}), superseded by the {@code /v2} lists in the common style (a plain JSON array a page at a
 * time, {@code Link rel="next"}): announced to the integrators on {@link #SINCE}, they may go from {@link #SUNSET},
 * 12 months on, as the deprecation policy in docs/api.md says.
 */
final class V1Lists {

    /** The day the v2 lists were announced (ISO date). */
    static final String SINCE = "2026-12-07";
    /** The first day the v1 lists may be gone (ISO date): 12 months after {@link #SINCE}. */
    static final String SUNSET = "2027-12-07";

    private V1Lists() {
    }
}
