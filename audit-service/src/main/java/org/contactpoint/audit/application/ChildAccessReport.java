package org.contactpoint.audit.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every access to a child's record, newest first, with protected details withheld.
 *
 * @param shielded true when the child is shielded now: no access shows its query parameters, the viewer's
 *                 organisation or a break-glass reason
 */
public record ChildAccessReport(String childId, Instant generatedAt, boolean shielded, int totalAccesses,
                                List<Access> accesses) {

    /**
     * One access.
     *
     * @param organisation     the viewer's organisation (and {@code organisationCode}); null when withheld
     * @param breakGlassReason the reason given for revealing protected details; null when withheld
     * @param brokeGlass       whether protected details were revealed (kept when the reason is withheld)
     * @param query            what was asked (search criteria); null when withheld
     * @param detailsWithheld  true when the query, the organisation and the reason were withheld because the child is
     *                         or was shielded
     * @param otherChildren   how many other children the same answer contained (never who they are)
     */
    public record Access(long sequence, Instant occurredAt, String service, String action, String outcome,
                         String userId, String name, String organisation, String organisationCode, String purpose,
                         String breakGlassReason, boolean brokeGlass, Map<String, String> query,
                         boolean detailsWithheld, int otherChildren) {
    }
}
