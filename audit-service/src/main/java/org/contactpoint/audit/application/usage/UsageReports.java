package org.contactpoint.audit.application.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.application.AccessRecorder;
import org.contactpoint.audit.domain.usage.UsageReport;
import org.contactpoint.audit.repository.usage.UsageKind;
import org.contactpoint.audit.repository.usage.UsageReportRepository;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage reports with no personal data (issue 23). national-overview (and administrator) see England's figures; the
 * local authority team sees its own organisations' (the token's {@code la}). The read is chained like every other
 * read of the trail (action {@code USAGE_REPORT}, no purpose: nothing personal is read out). The counts of accesses
 * come from the daily roll-up ({@link UsageRollUp}) and the records after its watermark, so they are exact and current.
 */
@ApplicationScoped
public class UsageReports {

    public static final String ACTION = "USAGE_REPORT";
    /** A report spans at most a year. */
    private static final Duration LONGEST = Duration.ofDays(366);

    private final UsageReportRepository usage;
    private final AccessRecorder recorder;

    public UsageReports(UsageReportRepository usage, AccessRecorder recorder) {
        this.usage = usage;
        this.recorder = recorder;
    }

    @Transactional
    public UsageReport report(Caller caller, Instant from, Instant to) {
        if (from == null || to == null) {
            throw Rejected.field(from == null ? "from" : "to", "is required");
        }
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw Rejected.field("to", "must be after from, and at most 366 days after it");
        }
        String localAuthority = scope(caller);
        // Held until this transaction ends: the roll-up cannot move between the figures' statements.
        long watermark = usage.holdWatermark();
        UsageReport report = new UsageReport(from, to, localAuthority,
                usage.daily(UsageKind.LOOKUP, from, to, localAuthority, watermark),
                usage.daily(UsageKind.BREAK_GLASS, from, to, localAuthority, watermark),
                usage.daily(UsageKind.SHIELDED, from, to, localAuthority, watermark),
                usage.alertsByRule(from, to, localAuthority),
                usage.daily(UsageKind.REFUSED, from, to, localAuthority, watermark));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from.toString());
        query.put("to", to.toString());
        query.put("scope", localAuthority == null ? "ENGLAND" : localAuthority);
        recorder.record(caller, null, ACTION, AuditEvent.Outcome.SUCCESS, query, List.of(), 0);
        return report;
    }

    /** Null for England's figures, else the caller's authority. */
    private static String scope(Caller caller) {
        if (caller.hasRole(Roles.NATIONAL_OVERVIEW) || caller.hasRole(Roles.ADMINISTRATOR)) {
            return null;
        }
        if (caller.localAuthority() == null || caller.localAuthority().isBlank()) {
            throw new Forbidden("Your account names no local authority, so there is no usage report for you");
        }
        return caller.localAuthority();
    }
}
