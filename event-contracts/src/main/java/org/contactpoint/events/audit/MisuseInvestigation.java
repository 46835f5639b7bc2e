package org.contactpoint.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.Contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A misuse investigation audit-service opened for a HIGH alert, on {@link #TOPIC}, keyed by the investigation id.
 * involvement-service tells the user's organisation and the investigating local authority's team through their
 * inboxes. It carries no child data and not the alert's summary (which may quote a name searched for): only who, the
 * rule, the investigation and when.
 *
 * @param investigationId  the investigation (also the record key); the LA team reads it at {@code GET /investigations}
 * @param alertId          the alert that opened it
 * @param rule             the rule that fired, e.g. {@code SEARCH_BURST}
 * @param userId           the user the alert names (the token's {@code sub})
 * @param userName         their name, when the alert knew it
 * @param organisation     their organisation's name, when known
 * @param organisationCode their organisation's code (its inbox), when known
 * @param localAuthority   the ONS code of the local authority whose team investigates (its inbox), when known
 * @param accountSuspended whether the alert suspended the account at once
 * @param openedAt         when the investigation opened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MisuseInvestigation(String investigationId, String alertId, String rule, String userId, String userName,
                                  String organisation, String organisationCode, String localAuthority,
                                  boolean accountSuspended, Instant openedAt) implements Contract {

    public static final String TOPIC = org.contactpoint.events.Topics.AUDIT_INVESTIGATIONS;
    public static final String OPENED = "audit.investigation.opened.v1";

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (investigationId == null || !investigationId.matches(UUID_PATTERN)) {
            violations.add("investigationId must be a UUID");
        }
        if (rule == null || rule.isBlank()) {
            violations.add("rule is missing");
        }
        if (userId == null || userId.isBlank()) {
            violations.add("userId is missing");
        }
        if (openedAt == null) {
            violations.add("openedAt is missing");
        }
        if (isBlank(organisationCode) && isBlank(localAuthority)) {
            violations.add("neither organisationCode nor localAuthority: no inbox to tell");
        }
        return violations;
    }

    @Override
    public String expectedKey() {
        return investigationId;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
