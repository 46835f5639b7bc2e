package org.contactpoint.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One read or write served by a ContactPoint service, as that service saw it. Every service publishes these on its
 * own {@code <service>.audit-events.v1} topic through its outbox, in the same transaction as the access, so an access
 * that happened is never unaudited. audit-service chains them into the tamper-evident trail.
 *
 * @param eventId          unique id of this access (also the CloudEvents id)
 * @param service          the service that served the access, e.g. {@code search-gateway}
 * @param action           what was done, e.g. {@code SEARCH}, {@code VIEW_RECORD}, {@code REGISTER_CHILD}
 * @param outcome          {@code SUCCESS}, {@code DENIED} (refused by policy) or {@code REJECTED} (bad request)
 * @param purpose          the purpose of use the caller stated
 * @param query            the parameters of the request as received (search criteria, path ids)
 * @param childIds         the ContactPoint IDs returned or touched
 * @param resultCount      how many children the answer contained
 * @param breakGlassReason the reason given when protected details were revealed; null otherwise
 * @param shieldedAccessed true when a shielded child was among {@code childIds}
 * @param protectedChildIds the subset of {@code childIds} with a child-protection plan or looked-after status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        String eventId,
        Instant occurredAt,
        String service,
        Actor actor,
        String action,
        String outcome,
        String purpose,
        Map<String, String> query,
        List<String> childIds,
        int resultCount,
        String breakGlassReason,
        boolean shieldedAccessed,
        List<String> protectedChildIds) {

    public static final String TYPE = "audit.access.recorded.v1";

    /** Who made the request, from their token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String userId, String name, List<String> roles, String organisation, String organisationCode,
                        String localAuthority) {
    }
}
