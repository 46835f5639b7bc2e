package org.contactpoint.events.accounts;

import org.contactpoint.events.Contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account that may not use ContactPoint any more, although its tokens have not expired: suspended by its local
 * authority's team or by a misuse rule, or closed. Published by audit-service on {@link #TOPIC}, compacted, keyed by
 * the user id (the token's {@code sub}); reinstating an account publishes a tombstone (null) for the key with
 * {@code ce_type} {@link #REINSTATED}. Every service reads the whole topic into memory and refuses the account's next
 * request.
 *
 * @param userId         the token's {@code sub}
 * @param state          {@code SUSPENDED} (may be reinstated) or {@code CLOSED} (for good)
 * @param reason         why, in words
 * @param localAuthority the ONS code of the local authority that administers the account, when there is one
 * @param since          when it took effect
 * @param by             the user id of whoever suspended it, or the misuse rule's name
 */
public record AccountSuspension(String userId, String state, String reason, String localAuthority, Instant since,
                                String by) implements Contract {

    /**
     * The topic: a compacted log of the accounts refused now. Named here, not yet in {@code Topics}, until the local
     * and Kubernetes topic lists declare it (the event catalogue's test ties the three together).
     */
    public static final String TOPIC = org.contactpoint.events.Topics.AUDIT_ACCOUNT_SUSPENSIONS;
    public static final String SUSPENDED = "audit.account.suspended.v1";
    public static final String CLOSED = "audit.account.closed.v1";
    public static final String REINSTATED = "audit.account.reinstated.v1";

    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (userId == null || userId.isBlank()) {
            violations.add("userId is missing");
        }
        if (!"SUSPENDED".equals(state) && !"CLOSED".equals(state)) {
            violations.add("state must be SUSPENDED or CLOSED");
        }
        if (since == null) {
            violations.add("since is missing");
        }
        return violations;
    }

    @Override
    public String expectedKey() {
        return userId;
    }
}
