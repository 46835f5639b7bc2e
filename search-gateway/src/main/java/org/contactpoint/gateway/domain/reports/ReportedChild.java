package org.contactpoint.gateway.domain.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One child on a local authority report, as the read model holds them.
 *
 * @param postcode               null while the child is shielded ({@code locationWithheld})
 * @param movedInAt              when the child came under this authority from another one; null if not known to have
 *                               moved since registration
 * @param previousLocalAuthority the authority the child moved from, with {@code movedInAt}
 * @param serviceTypes           the current involvements' service types (sensitive services left out)
 * @param protectedChild         on a child-protection plan or looked after (named in the audit event)
 */
public record ReportedChild(String contactPointId, String givenNames, String familyName, String preferredName,
                            LocalDate dateOfBirth, String postcode, boolean locationWithheld, Instant movedInAt,
                            String previousLocalAuthority, List<String> serviceTypes, boolean protectedChild) {
}
