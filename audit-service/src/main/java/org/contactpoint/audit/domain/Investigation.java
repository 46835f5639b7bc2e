package org.contactpoint.audit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A HIGH misuse alert as the local authority's team looks into it: opened with the alert, closed with an outcome.
 *
 * @param localAuthority   the authority whose team investigates: the one administering the account, else the user's own
 * @param accountSuspended whether the alert suspended the account at once
 * @param version          1 when opened, 2 once closed (the ETag a closure sends in If-Match)
 */
public record Investigation(UUID investigationId, UUID alertId, String rule, String summary, String userId,
                            String userName, String organisation, String organisationCode, String localAuthority,
                            boolean accountSuspended, Instant openedAt, Outcome outcome, String outcomeNote,
                            String closedBy, Instant closedAt, long version) {

    /** How an investigation ended. */
    public enum Outcome {
        /** The accesses were justified. */
        NO_MISUSE,
        /** Misuse: the account stays suspended or is closed, and the organisation acts. */
        MISUSE_CONFIRMED,
        /** Handed to the police, the Information Commissioner or the employer's disciplinary process. */
        REFERRED
    }

    public boolean open() {
        return closedAt == null;
    }
}
