package org.contactpoint.identity.application.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.identity.application.IdentityAudit;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.quality.DataQuality;
import org.contactpoint.identity.repository.quality.DataQualityRepository;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-quality report (issue 23). la-management sees its own authority's figures (the token's {@code la});
 * administrator and national-overview see England's, with no personal data. The list of suspected duplicates names
 * children, so it is the authority team's only, with a stated purpose. Every read is audited.
 */
@ApplicationScoped
public class DataQualityService {

    public static final String ACTION = "DATA_QUALITY_REPORT";
    public static final String DUPLICATES_ACTION = "LIST_SUSPECTED_DUPLICATES";
    private static final Duration LONGEST = Duration.ofDays(366);

    /** One page of suspected duplicates, and whether more follow. */
    public record Page(List<DataQuality.SuspectedDuplicate> items, boolean more) {
    }

    private final DataQualityRepository quality;
    private final IdentityAudit audit;
    private final IdentityConfig config;
    private final Clock clock;

    public DataQualityService(DataQualityRepository quality, IdentityAudit audit, IdentityConfig config,
                              Clock clock) {
        this.quality = quality;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public DataQuality report(Caller caller, Instant from, Instant to) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw Rejected.field("to", "must be after from, and at most 366 days after it");
        }
        String localAuthority = scope(caller);
        Instant now = clock.instant();
        Instant yearAgo = now.atOffset(ZoneOffset.UTC).minusMonths(12).toInstant();
        DataQuality report = new DataQuality(from, to, localAuthority, quality.feeds(from, to, localAuthority),
                quality.reviewQueues(now, localAuthority), quality.unconfirmedSince(yearAgo, localAuthority),
                quality.countSuspectedDuplicates(config.matching().reviewProbability(), localAuthority));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from.toString());
        query.put("to", to.toString());
        query.put("scope", localAuthority == null ? "ENGLAND" : localAuthority);
        audit.record(caller.toActor(), ACTION, AuditEvent.Outcome.SUCCESS, query, List.of());
        return report;
    }

    /** The caller's own authority's suspected duplicates, the likeliest first. */
    @Transactional
    public Page suspectedDuplicates(Caller caller, PurposeOfUse purpose, int offset, int size) {
        String localAuthority = caller.localAuthority();
        if (!caller.hasRole(Roles.LA_MANAGEMENT) || localAuthority == null || localAuthority.isBlank()) {
            throw new Forbidden("The list of suspected duplicates is for a local authority's team, of its own children");
        }
        List<DataQuality.SuspectedDuplicate> fetched = quality.suspectedDuplicates(
                config.matching().reviewProbability(), localAuthority, offset, size + 1);
        boolean more = fetched.size() > size;
        List<DataQuality.SuspectedDuplicate> items = more ? fetched.subList(0, size) : fetched;
        List<String> children = items.stream()
                .flatMap(p -> java.util.stream.Stream.of(p.contactPointId(), p.otherContactPointId())).toList();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("localAuthority", localAuthority);
        query.put("offset", String.valueOf(offset));
        query.put("size", String.valueOf(size));
        query.put("purpose", purpose.name());
        audit.batch(caller.toActor(), DUPLICATES_ACTION, query, children, List.of(), false);
        return new Page(List.copyOf(items), more);
    }

    /** Null for England's figures, else the caller's authority. */
    private static String scope(Caller caller) {
        if (caller.hasRole(Roles.NATIONAL_OVERVIEW) || caller.hasRole(Roles.ADMINISTRATOR)) {
            return null;
        }
        if (caller.localAuthority() == null || caller.localAuthority().isBlank()) {
            throw new Forbidden("Your account names no local authority, so there is no data-quality report for you");
        }
        return caller.localAuthority();
    }
}
