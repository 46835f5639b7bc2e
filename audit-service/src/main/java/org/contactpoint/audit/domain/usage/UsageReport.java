package org.contactpoint.audit.domain.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How ContactPoint was used over a period, with no personal data: counts per organisation and day, never a child or
 * a user.
 *
 * @param localAuthority the authority whose organisations' activity this counts (the actor's {@code la}); null for
 *                       England's figures
 */
public record UsageReport(Instant from, Instant to, String localAuthority, List<DailyCount> lookups,
                          List<DailyCount> breakGlassAccesses, List<DailyCount> shieldedAccesses,
                          List<RuleCount> alertsByRule, List<DailyCount> refusals) {

    /** One organisation's count on one day (England's calendar). */
    public record DailyCount(LocalDate day, String organisationCode, String organisation, long count) {
    }

    /** Alerts a misuse rule raised over the period. */
    public record RuleCount(String rule, long alerts) {
    }
}
