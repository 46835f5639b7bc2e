package org.contactpoint.audit.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.config.RulesConfig;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.FamilyNames;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.OpenAlert;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.domain.SearchTally;
import org.contactpoint.audit.domain.WorkingHours;
import org.contactpoint.audit.application.AuditChain.Stored;
import org.contactpoint.audit.repository.AuditRecordRepository;
import org.contactpoint.audit.repository.OpenAlertRepository;
import org.contactpoint.audit.repository.SearchTallyRepository;
import org.contactpoint.events.audit.AuditEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rules that look at stored accesses as they arrive, a batch at a time. (Searching many children without later
 * recording an involvement needs time to pass: {@link UnrelatedChildrenRule}.)
 *
 * <p>The search-burst rule counts each user's searches per minute in {@code search_tally} and judges a search by the
 * minutes of the window that end with its own, so its cost does not grow with how fast the user searches. The
 * search-burst and out-of-hours rules raise one alert per user per window (a burst) or per period (a night, a
 * weekend): later accesses that would have fired again are counted on that alert instead. Alerts are published in
 * the order of the records that raised them.
 */
@ApplicationScoped
public class MisuseRules {

    static final String SEARCH = "SEARCH";
    /** The most records a burst alert names: enough to start from; the rest are found by user and time. */
    static final int BURST_RECORDS_NAMED = 1000;
    /** Counts untouched this long after their window are no longer needed by any late search. */
    private static final Duration TALLY_KEPT_BEYOND_WINDOW = Duration.ofHours(1);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.UK);

    private final RulesConfig config;
    private final AuditRecordRepository records;
    private final SearchTallyRepository tallies;
    private final OpenAlertRepository openAlerts;
    private final Alerts alerts;
    private final Clock clock;

    public MisuseRules(RulesConfig config, AuditRecordRepository records, SearchTallyRepository tallies,
                       OpenAlertRepository openAlerts, Alerts alerts, Clock clock) {
        this.config = config;
        this.records = records;
        this.tallies = tallies;
        this.openAlerts = openAlerts;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** @param batch stored records in chain order */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluate(List<Stored> batch) {
        Instant raisedAt = clock.instant();
        Map<Long, Firing> outOfHours = outOfHours(batch, raisedAt);
        Map<Long, Firing> bursts = searchBursts(batch, raisedAt);
        // The poll's alerts, in the order of the records that raised them, are raised together: one insert for the
        // alerts of the rules that judge one access, one for their outbox rows.
        List<Alerts.Raise> raised = new ArrayList<>();
        for (Stored stored : batch) {
            // Each alert continues the trace of the access that raised it.
            int before = raised.size();
            evaluateAlone(stored.record(), stored.event(), raised);
            Firing night = outOfHours.get(stored.record().sequence());
            if (night != null) {
                raised.add(outOfHoursAlert(night, stored));
            }
            Firing burst = bursts.get(stored.record().sequence());
            if (burst != null) {
                raised.add(burstAlert(burst, stored));
            }
            if (stored.trace() != null) {
                for (int i = before; i < raised.size(); i++) {
                    raised.set(i, raised.get(i).tracing(stored.trace()));
                }
            }
        }
        alerts.raiseAll(raised);
    }

    /** Forgets search counts no window can still reach. */
    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldSearchCounts() {
        tallies.forgetTouchedBefore(clock.instant().minus(config.searchBurst().window())
                .minus(TALLY_KEPT_BEYOND_WINDOW));
    }

    /** The rules that judge one access on its own: every firing is an alert. */
    private void evaluateAlone(AuditRecord record, AuditEvent event, List<Alerts.Raise> raised) {
        List<Long> sequence = List.of(record.sequence());
        List<String> children = event.childIds() == null ? List.of() : event.childIds();
        AuditEvent.Actor actor = event.actor();
        String who = who(actor);
        if (config.breakGlass().enabled() && event.breakGlassReason() != null && !event.breakGlassReason().isBlank()) {
            raised.add(Alerts.Raise.alone(Rule.BREAK_GLASS, actor, event.occurredAt(),
                    who + " broke the glass on " + event.action() + ": " + event.breakGlassReason(), sequence,
                    children));
        }
        boolean succeeded = AuditEvent.Outcome.SUCCESS.name().equals(event.outcome());
        if (config.shieldedAccess().enabled() && succeeded && event.shieldedAccessed()) {
            raised.add(Alerts.Raise.alone(Rule.SHIELDED_ACCESS, actor, event.occurredAt(),
                    who + " was shown a shielded child (" + event.action() + ")", sequence, children));
        }
        if (config.ownFamilyName().enabled() && SEARCH.equals(event.action()) && event.query() != null) {
            String searched = event.query().get("familyName");
            if (FamilyNames.same(searched, FamilyNames.ofDisplayName(actor.name()))) {
                raised.add(Alerts.Raise.alone(Rule.OWN_FAMILY_NAME, actor, event.occurredAt(),
                        who + " searched for their own family name " + searched, sequence, children));
            }
        }
    }

    /**
     * Counts the batch's out-of-hours lookups on each user's alert for the period they fall in (one statement);
     * returns the alerts that fired now, by the sequence of the lookup that raised them.
     */
    private Map<Long, Firing> outOfHours(List<Stored> batch, Instant raisedAt) {
        RulesConfig.OutOfHours hours = config.outOfHours();
        if (!hours.enabled()) {
            return Map.of();
        }
        WorkingHours working = new WorkingHours(hours.start(), hours.end(), hours.workingDays(), hours.zone());
        Map<String, Firing> byPeriod = new LinkedHashMap<>();
        for (Stored stored : inTimeOrder(batch)) {
            AuditEvent event = stored.event();
            if (!hours.actions().contains(event.action()) || working.contains(event.occurredAt())) {
                continue;
            }
            Instant period = working.outOfHoursPeriodStart(event.occurredAt());
            String user = event.actor().userId();
            byPeriod.computeIfAbsent(user + "\u0000" + period, k -> new Firing(UUID.randomUUID(), user, stored,
                    period, raisedAt)).count(event.occurredAt());
        }
        List<OpenAlert> candidates = byPeriod.values().stream().map(Firing::asAlert).toList();
        var fired = openAlerts.countInPeriods(Rule.OUT_OF_HOURS, candidates, raisedAt);
        Map<Long, Firing> bySequence = new HashMap<>();
        byPeriod.values().stream().filter(f -> fired.contains(f.alertId))
                .forEach(f -> bySequence.put(f.first.record().sequence(), f));
        return bySequence;
    }

    private Alerts.Raise outOfHoursAlert(Firing firing, Stored stored) {
        AuditEvent event = stored.event();
        ZoneId zone = config.outOfHours().zone();
        return new Alerts.Raise(firing.alertId, Rule.OUT_OF_HOURS, firing.raisedAt, event.actor(),
                event.occurredAt(), who(event.actor()) + " made a " + event.action() + " outside working hours, at "
                        + LOCAL_TIME.format(event.occurredAt().atZone(zone)) + " " + zone.getId(),
                List.of(stored.record().sequence()), event.childIds() == null ? List.of() : event.childIds(),
                new Occurrences(firing.occurrences, firing.firstSeenAt, firing.lastSeenAt));
    }

    /**
     * Judges the batch's searches against each user's per-minute counts (read once for the batch's users), adds the
     * batch to the counts (one statement), and counts searches on open burst alerts; returns the alerts that fired
     * now, by the sequence of the search that crossed the threshold.
     */
    private Map<Long, Firing> searchBursts(List<Stored> batch, Instant raisedAt) {
        RulesConfig.SearchBurst burst = config.searchBurst();
        List<Stored> searches = inTimeOrder(batch).stream().filter(s -> SEARCH.equals(s.event().action())).toList();
        if (!burst.enabled() || searches.isEmpty()) {
            return Map.of();
        }
        Duration window = burst.window();
        List<String> users = searches.stream().map(s -> s.event().actor().userId()).distinct().toList();
        Instant earliest = searches.stream().map(s -> s.event().occurredAt()).min(Instant::compareTo).orElseThrow();
        Instant latest = searches.stream().map(s -> s.event().occurredAt()).max(Instant::compareTo).orElseThrow();
        Map<String, TreeMap<Instant, Integer>> perMinute = new HashMap<>();
        for (SearchTally tally : tallies.read(users, SearchTally.minuteOf(earliest).minus(window),
                SearchTally.minuteOf(latest))) {
            perMinute.computeIfAbsent(tally.userId(), u -> new TreeMap<>()).put(tally.minute(), tally.searches());
        }
        Map<String, OpenAlert> stored = openAlerts.latestSince(Rule.SEARCH_BURST, users, earliest.minus(window));
        Map<String, Firing> open = new HashMap<>();
        Map<String, Firing> counted = new LinkedHashMap<>();
        Map<UserMinute, Integer> added = new TreeMap<>();
        Map<Long, Firing> fired = new LinkedHashMap<>();
        for (Stored search : searches) {
            String user = search.event().actor().userId();
            Instant at = search.event().occurredAt();
            Instant minute = SearchTally.minuteOf(at);
            TreeMap<Instant, Integer> minutes = perMinute.computeIfAbsent(user, u -> new TreeMap<>());
            minutes.merge(minute, 1, Integer::sum);
            added.merge(new UserMinute(user, minute), 1, Integer::sum);
            int inWindow = minutes.subMap(minute.minus(window), false, minute, true).values().stream()
                    .mapToInt(Integer::intValue).sum();
            if (inWindow < burst.searches()) {
                continue;
            }
            Firing alert = open.get(user);
            if (alert == null && stored.containsKey(user)) {
                OpenAlert known = stored.get(user);
                alert = Firing.stored(known, raisedAt);
                open.put(user, alert);
            }
            if (alert != null && alert.firedAt.isAfter(at.minus(window))) {
                alert.count(at);
                if (alert.wasStored) {
                    counted.putIfAbsent(user, alert);
                }
            } else {
                Firing firing = new Firing(UUID.randomUUID(), user, search, null, raisedAt);
                firing.count(at);
                firing.searchesInWindow = inWindow;
                open.put(user, firing);
                fired.put(search.record().sequence(), firing);
            }
        }
        tallies.add(added.entrySet().stream().map(e -> new SearchTally(e.getKey().userId(), e.getKey().minute(),
                e.getValue())).toList());
        openAlerts.insert(Rule.SEARCH_BURST, fired.values().stream().map(Firing::asAlert).toList(), raisedAt);
        openAlerts.count(counted.values().stream().map(Firing::asAlert).toList());
        return fired;
    }

    private Alerts.Raise burstAlert(Firing firing, Stored stored) {
        AuditEvent event = stored.event();
        Duration window = config.searchBurst().window();
        List<AuditRecordRepository.IndexedRecord> behind = records.actionsBy(firing.userId, SEARCH,
                event.occurredAt().minus(window), event.occurredAt(), BURST_RECORDS_NAMED);
        Instant firstSeen = behind.stream().map(AuditRecordRepository.IndexedRecord::occurredAt)
                .min(Instant::compareTo).orElse(event.occurredAt());
        return new Alerts.Raise(firing.alertId, Rule.SEARCH_BURST, firing.raisedAt, event.actor(),
                event.occurredAt(), who(event.actor()) + " made " + firing.searchesInWindow + " searches within " + window.toMinutes()
                        + " minutes",
                behind.stream().map(AuditRecordRepository.IndexedRecord::sequence).toList(),
                behind.stream().flatMap(r -> r.childIds().stream()).distinct().toList(),
                new Occurrences(firing.searchesInWindow, firstSeen, event.occurredAt()));
    }

    /**
     * The batch in the order its accesses happened: the services' streams are partitioned by event, so the chain may
     * hold a later access before an earlier one, and a rule that counts must judge them as they happened (the
     * search that crossed a threshold, the first lookup of a night).
     */
    private static List<Stored> inTimeOrder(List<Stored> batch) {
        return batch.stream().sorted(Comparator.comparing((Stored s) -> s.event().occurredAt())
                .thenComparingLong(s -> s.record().sequence())).toList();
    }

    private record UserMinute(String userId, Instant minute) implements Comparable<UserMinute> {
        @Override
        public int compareTo(UserMinute other) {
            int byUser = userId.compareTo(other.userId);
            return byUser != 0 ? byUser : minute.compareTo(other.minute);
        }
    }

    private static String who(AuditEvent.Actor actor) {
        return actor.userId() + " (" + (actor.name() == null ? "no name" : actor.name())
                + (actor.organisation() == null ? "" : ", " + actor.organisation()) + ")";
    }

    /**
     * A counting rule's alert as a batch sees it: fired by one of the batch's accesses, or stored earlier and counted
     * on now ({@code occurrences} is then how many more this batch adds).
     */
    private static final class Firing {
        final UUID alertId;
        final String userId;
        final Stored first;
        final Instant periodStart;
        final Instant raisedAt;
        final boolean wasStored;
        Instant firedAt;
        int occurrences;
        Instant firstSeenAt;
        Instant lastSeenAt;
        int searchesInWindow;

        Firing(UUID alertId, String userId, Stored first, Instant periodStart, Instant raisedAt) {
            this(alertId, userId, first, periodStart, raisedAt, false,
                    first == null ? null : first.event().occurredAt());
        }

        private Firing(UUID alertId, String userId, Stored first, Instant periodStart, Instant raisedAt,
                       boolean wasStored, Instant firedAt) {
            this.alertId = alertId;
            this.userId = userId;
            this.first = first;
            this.periodStart = periodStart;
            this.raisedAt = raisedAt;
            this.wasStored = wasStored;
            this.firedAt = firedAt;
        }

        static Firing stored(OpenAlert alert, Instant raisedAt) {
            return new Firing(alert.alertId(), alert.userId(), null, alert.periodStart(), raisedAt, true,
                    alert.occurredAt());
        }

        void count(Instant occurredAt) {
            occurrences++;
            firstSeenAt = firstSeenAt == null || occurredAt.isBefore(firstSeenAt) ? occurredAt : firstSeenAt;
            lastSeenAt = lastSeenAt == null || occurredAt.isAfter(lastSeenAt) ? occurredAt : lastSeenAt;
        }

        OpenAlert asAlert() {
            return new OpenAlert(alertId, userId, firedAt, occurrences, lastSeenAt, periodStart);
        }
    }
}
