package org.contactpoint.audit.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.config.RulesConfig;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.ChildInvolvementRepository;
import org.contactpoint.audit.repository.MisuseAlertRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.scheduling.SingleReplica;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searching for or viewing many different children, none of whom the user's organisation then records any
 * involvement with, looks like browsing rather than work. It can only be judged once the organisation has had time
 * to record involvements, so it runs on a schedule over the window that ended {@code grace} ago.
 */
@ApplicationScoped
public class UnrelatedChildrenRule {

    /** The rule is judged on one replica at a time (see {@link SingleReplica}), so an alert is raised once. */
    public static final long JOB_KEY = 0xA0_D1_7E_01L;

    private static final List<String> LOOKUPS = List.of("SEARCH", "VIEW_RECORD");

    private final RulesConfig config;
    private final AuditRecordRepository records;
    private final ChildInvolvementRepository involvements;
    private final MisuseAlertRepository raisedAlerts;
    private final Alerts alerts;
    private final ChainedEvents chained;
    private final SingleReplica singleReplica;
    private final Clock clock;

    public UnrelatedChildrenRule(RulesConfig config, AuditRecordRepository records,
                                 ChildInvolvementRepository involvements, MisuseAlertRepository raisedAlerts,
                                 Alerts alerts, ChainedEvents chained, SingleReplica singleReplica,
                                 Clock clock) {
        this.config = config;
        this.records = records;
        this.involvements = involvements;
        this.raisedAlerts = raisedAlerts;
        this.alerts = alerts;
        this.chained = chained;
        this.singleReplica = singleReplica;
        this.clock = clock;
    }

    @Scheduled(every = "${contactpoint.rules.unrelated-children.evaluate-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.unrelatedChildren().enabled()) {
            evaluate(clock.instant());
        }
    }

    /**
     * Judges the lookups that occurred in {@code [now - grace - window, now - grace)}.
     *
     * @return how many alerts were raised
     */
    @Transactional
    public int evaluate(Instant now) {
        if (!singleReplica.leads(JOB_KEY)) {
            return 0;
        }
        RulesConfig.UnrelatedChildren rule = config.unrelatedChildren();
        Instant windowEnd = now.minus(rule.grace());
        Instant windowStart = windowEnd.minus(rule.window());
        Map<String, List<AuditRecord>> byUser = new LinkedHashMap<>();
        for (AuditRecord record : records.accessesBetween(LOOKUPS, windowStart, windowEnd)) {
            byUser.computeIfAbsent(record.userId(), user -> new ArrayList<>()).add(record);
        }
        int raised = 0;
        for (List<AuditRecord> lookups : byUser.values()) {
            AuditRecord last = lookups.get(lookups.size() - 1);
            Set<String> children = new LinkedHashSet<>();
            lookups.forEach(r -> children.addAll(r.childIds()));
            children.removeAll(involvements.childrenInvolvedWith(last.organisationCode(), children));
            if (children.size() >= rule.children()
                    && !raisedAlerts.alertedSince(Rule.UNRELATED_CHILDREN.name(), last.userId(),
                            windowStart.minusNanos(1))) {
                AuditEvent.Actor actor = chained.of(last).actor();
                alerts.raise(Rule.UNRELATED_CHILDREN, actor, last.occurredAt(),
                        actor.userId() + " (" + actor.organisation() + ") looked up " + children.size()
                                + " children between " + windowStart + " and " + windowEnd
                                + " and their organisation has recorded no involvement with any of them",
                        lookups.stream().map(AuditRecord::sequence).toList(), List.copyOf(children));
                raised++;
            }
        }
        return raised;
    }
}
