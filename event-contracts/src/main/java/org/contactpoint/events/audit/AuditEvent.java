package org.contactpoint.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.Contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
        List<String> protectedChildIds) implements Contract {

    public static final String TYPE = "audit.access.recorded.v1";

    /**
     * What an event needs to be chained faithfully: its id, time, service, actor (with a user id), action and a known
     * outcome, and no blank child id. The record key is not tied to the payload.
     */
    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        require(violations, eventId, "eventId");
        require(violations, occurredAt, "occurredAt");
        require(violations, service, "service");
        require(violations, actor, "actor");
        if (actor != null) {
            require(violations, actor.userId(), "actor.userId");
        }
        require(violations, action, "action");
        if (Arrays.stream(Outcome.values()).noneMatch(known -> known.name().equals(outcome))) {
            violations.add("outcome must be one of " + Arrays.toString(Outcome.values()) + ", was " + outcome);
        }
        if (childIds != null && childIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            violations.add("childIds must not contain blanks");
        }
        return violations;
    }

    private static void require(List<String> violations, Object value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            violations.add("missing " + field);
        }
    }

    /** How the access ended; carried as its name in {@link #outcome}. */
    public enum Outcome {
        /** Served. */
        SUCCESS,
        /** Refused by policy (role, relationship, shield, quota). */
        DENIED,
        /** Refused as a bad request. */
        REJECTED
    }

    /** Starts an event with what every access has: its id, when, which service and who. */
    public static Builder builder(String eventId, Instant occurredAt, String service, Actor actor) {
        return new Builder(eventId, occurredAt, service, actor);
    }

    /**
     * Builds an event field by field, so a call names what it records instead of passing thirteen positional values
     * with nulls. Collections default to empty, the outcome to {@code SUCCESS}.
     */
    public static final class Builder {
        private final String eventId;
        private final Instant occurredAt;
        private final String service;
        private final Actor actor;
        private String action;
        private Outcome outcome = Outcome.SUCCESS;
        private String purpose;
        private Map<String, String> query = Map.of();
        private List<String> childIds = List.of();
        private int resultCount;
        private String breakGlassReason;
        private boolean shieldedAccessed;
        private List<String> protectedChildIds = List.of();

        private Builder(String eventId, Instant occurredAt, String service, Actor actor) {
            this.eventId = eventId;
            this.occurredAt = occurredAt;
            this.service = service;
            this.actor = actor;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder query(Map<String, String> query) {
            this.query = query;
            return this;
        }

        /** The children the access returned or touched; the result count follows unless set after. */
        public Builder children(List<String> childIds) {
            this.childIds = childIds;
            this.resultCount = childIds.size();
            return this;
        }

        public Builder child(String contactPointId) {
            return children(contactPointId == null ? List.of() : List.of(contactPointId));
        }

        public Builder resultCount(int resultCount) {
            this.resultCount = resultCount;
            return this;
        }

        public Builder breakGlass(String reason) {
            this.breakGlassReason = reason;
            return this;
        }

        public Builder shieldedAccessed(boolean shieldedAccessed) {
            this.shieldedAccessed = shieldedAccessed;
            return this;
        }

        public Builder protectedChildren(List<String> protectedChildIds) {
            this.protectedChildIds = protectedChildIds;
            return this;
        }

        public AuditEvent build() {
            if (action == null) {
                throw new IllegalStateException("an audit event names its action");
            }
            return new AuditEvent(eventId, occurredAt, service, actor, action, outcome.name(), purpose, query,
                    childIds, resultCount, breakGlassReason, shieldedAccessed, protectedChildIds);
        }
    }

    /** Who made the request, from their token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String userId, String name, List<String> roles, String organisation, String organisationCode,
                        String localAuthority) {
    }
}
