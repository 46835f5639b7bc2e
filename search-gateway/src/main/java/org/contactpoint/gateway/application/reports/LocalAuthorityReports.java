package org.contactpoint.gateway.application.reports;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.gateway.application.Lookup;
import org.contactpoint.gateway.application.QuotaExceededException;
import org.contactpoint.gateway.config.LocalAuthorityReportsConfig;
import org.contactpoint.gateway.domain.reports.CompulsorySchoolAge;
import org.contactpoint.gateway.domain.reports.ReportedChild;
import org.contactpoint.gateway.repository.reports.LocalAuthorityReportRepository;
import org.contactpoint.gateway.repository.reports.ReportExportQuotaRepository;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditPublisher;
import org.contactpoint.support.audit.AuditUnavailable;
import org.contactpoint.support.audit.RefusalAudit;
import org.contactpoint.support.domain.Forbidden;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local authority team's reports of children who may be falling through the gaps, over the authority named in
 * the caller's token ({@code la}) and nothing else. Every page read, and every export, is audited fail closed as a
 * lookup is (published straight to Kafka, answered only once the broker has acknowledged it, naming every child
 * shown); an export is a bulk disclosure with a daily quota per authority.
 */
@ApplicationScoped
public class LocalAuthorityReports {

    /** Action of a report page's audit event. */
    public static final String READ_ACTION = "LA_REPORT";
    /** Action of an export's audit event (a bulk disclosure). */
    public static final String EXPORT_ACTION = "LA_REPORT_EXPORT";

    static final List<String> SCHOOL = List.of("SCHOOL");
    static final List<String> GP = List.of("GP");
    static final List<String> SCHOOL_OR_GP = List.of("SCHOOL", "GP");
    /** School dates and ages follow the calendar in England. */
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    /** The most rows one export holds: its audit record names every child and must stay one Kafka record. */
    private static final int EXPORT_LIMIT = 20_000;

    /** The reports, by the name their path and audit events use. */
    public enum Report {
        CHILDREN_WITHOUT_SCHOOL("children-without-school"),
        CHILDREN_MOVED_IN_WITHOUT_SCHOOL_OR_GP("children-moved-in-without-school-or-gp"),
        CHILDREN_WITHOUT_GP("children-without-gp"),
        CHILDREN_MISSING_EDUCATION("children-missing-education");

        private final String path;

        Report(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** One page of a report: its children, whether more follow, the day it was run for and the audit record's id. */
    public record Page(List<ReportedChild> children, boolean more, LocalDate today, String auditEventId) {
    }

    private final LocalAuthorityReportRepository reports;
    private final ReportExportQuotaRepository exports;
    private final AuditPublisher audit;
    private final AuditEvents events;
    private final LocalAuthorityReportsConfig config;
    private final Clock clock;

    public LocalAuthorityReports(LocalAuthorityReportRepository reports, ReportExportQuotaRepository exports,
                                 AuditPublisher audit, AuditEvents events, LocalAuthorityReportsConfig config,
                                 Clock clock) {
        this.reports = reports;
        this.exports = exports;
        this.audit = audit;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** One page of a report: {@code size} children from {@code offset}. */
    public Page page(Report report, int offset, int size, Lookup lookup) {
        String localAuthority = localAuthority(lookup);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ENGLAND);
        List<ReportedChild> fetched = switch (report) {
            case CHILDREN_WITHOUT_SCHOOL, CHILDREN_MISSING_EDUCATION -> {
                CompulsorySchoolAge.BirthDates born = CompulsorySchoolAge.on(today);
                yield reports.withoutService(localAuthority, SCHOOL, born.earliest(), born.latest(), today, offset,
                        size + 1);
            }
            case CHILDREN_MOVED_IN_WITHOUT_SCHOOL_OR_GP -> reports.movedInWithoutService(localAuthority,
                    SCHOOL_OR_GP, clock.instant().minus(config.movedInWithin()), today, offset, size + 1);
            // Every child the authority holds was born after 1900: the range is "any date of birth".
            case CHILDREN_WITHOUT_GP -> reports.withoutService(localAuthority, GP, LocalDate.of(1900, 1, 1),
                    today, today, offset, size + 1);
        };
        boolean more = fetched.size() > size;
        List<ReportedChild> children = more ? fetched.subList(0, size) : fetched;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("report", report.path());
        query.put("localAuthority", localAuthority);
        query.put("page", String.valueOf(size == 0 ? 0 : offset / size));
        query.put("size", String.valueOf(size));
        String eventId = record(READ_ACTION, lookup, query, children);
        return new Page(List.copyOf(children), more, today, eventId);
    }

    /**
     * The children-missing-education export: every child of compulsory school age with no current school involvement,
     * in one piece. Counted against the authority's daily export quota before anything is read.
     *
     * @throws QuotaExceededException when the authority has made its exports for the day (audited as refused)
     */
    public Page export(Lookup lookup) {
        String localAuthority = localAuthority(lookup);
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("report", Report.CHILDREN_MISSING_EDUCATION.path());
        query.put("localAuthority", localAuthority);
        query.put("disclosure", "BULK");
        if (!exports.take(localAuthority, day, config.exportsPerDay())) {
            Map<String, String> refused = new LinkedHashMap<>(query);
            refused.put("refusal", "export quota exceeded");
            audit.record(events.by(lookup.caller(), EXPORT_ACTION).outcome(AuditEvent.Outcome.DENIED)
                    .purpose(lookup.purpose().name()).query(refused).build());
            RefusalAudit.recordedByService();
            long untilTomorrow = Duration.between(now, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .toSeconds();
            throw new QuotaExceededException("Your local authority has made its " + config.exportsPerDay()
                    + " children-missing-education exports for today", Math.max(1, untilTomorrow), "la-export",
                    config.exportsPerDay(), 86_400);
        }
        LocalDate today = LocalDate.ofInstant(now, ENGLAND);
        CompulsorySchoolAge.BirthDates born = CompulsorySchoolAge.on(today);
        List<ReportedChild> children = reports.withoutService(localAuthority, SCHOOL, born.earliest(),
                born.latest(), today, 0, EXPORT_LIMIT);
        try {
            return new Page(children, false, today, record(EXPORT_ACTION, lookup, query, children));
        } catch (AuditUnavailable e) {
            exports.giveBack(localAuthority, day);
            throw e;
        }
    }

    /** The age a report shows, in whole years, on the day it was run. */
    public static int age(ReportedChild child, LocalDate today) {
        return child.dateOfBirth() == null ? -1 : CompulsorySchoolAge.age(child.dateOfBirth(), today);
    }

    private static String localAuthority(Lookup lookup) {
        String localAuthority = lookup.caller().localAuthority();
        if (localAuthority == null || localAuthority.isBlank()) {
            throw new Forbidden("Your account names no local authority, so there is no report for you");
        }
        return localAuthority;
    }

    private String record(String action, Lookup lookup, Map<String, String> query, List<ReportedChild> children) {
        AuditEvent event = events.by(lookup.caller(), action).purpose(lookup.purpose().name()).query(query)
                .children(children.stream().map(ReportedChild::contactPointId).toList())
                .shieldedAccessed(children.stream().anyMatch(ReportedChild::locationWithheld))
                .protectedChildren(children.stream().filter(ReportedChild::protectedChild)
                        .map(ReportedChild::contactPointId).toList())
                .build();
        audit.record(event);
        return event.eventId();
    }
}
