package org.contactpoint.gateway.rest;

import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.ProblemException;

/** The request headers every lookup carries, and their checks. */
public final class LookupHeaders {

    public static final String PURPOSE_OF_USE = PurposeOfUse.HEADER;
    public static final String BREAK_GLASS_REASON = "X-Break-Glass-Reason";
    /** Response header: the id of the lookup's audit record, acknowledged by the broker before the answer. */
    public static final String LOOKUP_ID = "X-Lookup-Id";

    private LookupHeaders() {
    }

    /** The purpose the header states (the one vocabulary and 400 every service answers with). */
    public static PurposeOfUse purpose(String header) {
        return PurposeOfUse.required(header);
    }

    /** Null when the header is absent; a reason must say something (at least 10 characters, at most 500). */
    public static String breakGlassReason(String header) {
        if (header == null) {
            return null;
        }
        String reason = header.trim();
        if (reason.length() < 10 || reason.length() > 500) {
            throw ProblemException.invalidField(BREAK_GLASS_REASON,
                    "must state the reason for breaking the glass in 10 to 500 characters");
        }
        return reason;
    }
}
