package org.contactpoint.audit.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.config.RulesConfig;
import org.contactpoint.audit.domain.LookupTally;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.domain.UnrelatedLookups;
import org.contactpoint.audit.application.AuditChain.Stored;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.LookupTallyRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.scheduling.SingleReplica;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searching for or viewing many different children, none of whom the user's organisation then records any
 * involvement with, looks like browsing rather than work. Each consumed batch adds its lookups to per-user counts for
 * the window they fall in (the distinct children, how many lookups); a window can only be judged once the
 * organisation has had time to record involvements, so a schedule judges the windows that ended {@code grace} ago,
 * checking only the users who looked up enough children, and then forgets them.
 */
@ApplicationScoped
public class UnrelatedChildrenRule {

    /** The rule is judged on one replica at a time (see {@link SingleReplica}), so an alert is raised once. */
    public static final long JOB_KEY = 0xA0_D1_7E_01L;

    private static final Set<String> LOOKUPS = Set.of("SEARCH", "VIEW_RECORD");

    private final RulesConfig config;
    private final LookupTallyRepository tallies;
    private final AuditRecordRepository records;
    private final Alerts alerts;
    private final ChainedEvents chained;
    private final SingleReplica singleReplica;
    private final Clock clock;

    public UnrelatedChildrenRule(RulesConfig config, LookupTallyRepository tallies, AuditRecordRepository records,
                                 Alerts alerts, ChainedEvents chained, SingleReplica singleReplica, Clock clock) {
        this.config = config;
        this.tallies = tallies;
        this.records = records;
        this.alerts = alerts;
        this.chained = chained;
        this.singleReplica = singleReplica;
        this.clock = clock;
    }

    /** Adds a batch's successful lookups to the counts (one statement), in the batch's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(List<Stored> batch) {
        RulesConfig.UnrelatedChildren rule = config.unrelatedChildren();
        if (!rule.enabled()) {
            return;
        }
        Map<String, LookupTally> byUserAndWindow = new LinkedHashMap<>();
        for (Stored stored : batch) {
            AuditEvent event = stored.event();
            if (!LOOKUPS.contains(event.action()) || !AuditEvent.Outcome.SUCCESS.name().equals(event.outcome())
                    || event.childIds() == null || event.childIds().isEmpty()) {
                continue;
            }
            Instant window = LookupTally.windowStart(event.occurredAt(), rule.window());
            String user = event.actor().userId();
            byUserAndWindow.computeIfAbsent(user + "\u0000" + window, k -> new LookupTally(user, window))
                    .add(stored.record().sequence(), event.occurredAt(), event.actor().organisationCode(),
                            event.childIds());
        }
        tallies.add(List.copyOf(byUserAndWindow.values()));
    }

    @Scheduled(every = "${contactpoint.rules.unrelated-children.evaluate-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.unrelatedChildren().enabled()) {
            evaluate(clock.instant());
        }
    }

    /**
     * Judges every window that ended at least {@code grace} before {@code now} and forgets it.
     *
     * @return how many alerts were raised
     */
    @Transactional
    public int evaluate(Instant now) {
        if (!singleReplica.leads(JOB_KEY)) {
            return 0;
        }
        RulesConfig.UnrelatedChildren rule = config.unrelatedChildren();
        Instant lastWindowStart = now.minus(rule.grace()).minus(rule.window());
        List<UnrelatedLookups> found = tallies.unrelated(lastWindowStart, rule.children());
        for (UnrelatedLookups lookups : found) {
            AuditEvent.Actor actor = records.findByIdOptional(lookups.lastSequence()).map(chained::of)
                    .map(AuditEvent::actor)
                    .orElse(new AuditEvent.Actor(lookups.userId(), null, List.of(), null, lookups.organisationCode(),
                            null));
            Instant windowEnd = lookups.windowStart().plus(rule.window());
            alerts.raise(Rule.UNRELATED_CHILDREN, actor, lookups.lastSeenAt(),
                    actor.userId() + " (" + actor.organisation() + ") looked up " + lookups.unrelatedChildren().size()
                            + " children between " + lookups.windowStart() + " and " + windowEnd
                            + " and their organisation has recorded no involvement with any of them",
                    List.of(lookups.firstSequence(), lookups.lastSequence()).stream().distinct().toList(),
                    lookups.unrelatedChildren(),
                    new Occurrences(lookups.lookups(), lookups.firstSeenAt(), lookups.lastSeenAt()));
        }
        tallies.forget(lastWindowStart);
        return found.size();
    }
}
