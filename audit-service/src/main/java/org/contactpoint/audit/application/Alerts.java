package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.messaging.out.AlertPublisher;
import org.contactpoint.audit.repository.MisuseAlertRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.tracing.Tracing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Raises alerts: keeps them (so a windowed rule raises once per window) and publishes them, in the caller's
 * transaction. A consumed poll's alerts are raised together: stored in one statement, appended to the outbox in one
 * statement, in the order given, then each HIGH alert gets its response.
 */
@ApplicationScoped
public class Alerts {

    /**
     * An alert to raise.
     *
     * @param storedAs   the id of the alert a counting rule has already stored ({@link MisuseRules}); null when it is
     *                   to be stored now
     * @param raisedAt   when a counting rule raised it; null for an alert stored now (raised at the clock's now)
     * @param occurredAt when the access that raised it occurred
     * @param trace      the trace context of the access that raised it (its record's consumer span, serialised as
     *                   an outbox row keeps it), which the alert's outbox row continues; null for the work in hand's
     */
    public record Raise(UUID storedAs, Rule rule, Instant raisedAt, AuditEvent.Actor actor, Instant occurredAt,
                        String summary, List<Long> recordSequences, List<String> childIds, Occurrences occurrences,
                        String trace) {

        public Raise(UUID storedAs, Rule rule, Instant raisedAt, AuditEvent.Actor actor, Instant occurredAt,
                     String summary, List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
            this(storedAs, rule, raisedAt, actor, occurredAt, summary, recordSequences, childIds, occurrences, null);
        }

        /** The same alert, continuing the trace of the access that raised it. */
        public Raise tracing(String trace) {
            return new Raise(storedAs, rule, raisedAt, actor, occurredAt, summary, recordSequences, childIds,
                    occurrences, trace);
        }

        /** An alert raised by one access: it stands for that access alone, and is stored now. */
        public static Raise alone(Rule rule, AuditEvent.Actor actor, Instant occurredAt, String summary,
                                  List<Long> recordSequences, List<String> childIds) {
            return new Raise(null, rule, null, actor, occurredAt, summary, recordSequences, childIds,
                    Occurrences.one(occurredAt));
        }
    }

    private final MisuseAlertRepository alerts;
    private final AlertPublisher publisher;
    private final Clock clock;
    private final MisuseResponse response;
    private final Tracing tracing;

    public Alerts(MisuseAlertRepository alerts, AlertPublisher publisher, Clock clock, MisuseResponse response,
                  Tracing tracing) {
        this.alerts = alerts;
        this.publisher = publisher;
        this.clock = clock;
        this.response = response;
        this.tracing = tracing;
    }

    /** An alert raised by one access: it stands for that access alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert raise(Rule rule, AuditEvent.Actor actor, Instant occurredAt, String summary,
                             List<Long> recordSequences, List<String> childIds) {
        return raise(rule, actor, occurredAt, summary, recordSequences, childIds, Occurrences.one(occurredAt));
    }

    /** @param occurredAt when the access that raised the alert occurred */
    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert raise(Rule rule, AuditEvent.Actor actor, Instant occurredAt, String summary,
                             List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
        return raiseAll(List.of(new Raise(null, rule, null, actor, occurredAt, summary, recordSequences, childIds,
                occurrences))).get(0);
    }

    /**
     * Raises a batch of alerts: those not yet stored go into {@code misuse_alert} in one statement, all of them onto
     * the outbox in one statement in the order given (so the relay publishes them in that order), and then each HIGH
     * alert may suspend the account and opens an investigation ({@link MisuseResponse}), in the order given.
     *
     * @return the published alerts, in the order given
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<MisuseAlert> raiseAll(List<Raise> raises) {
        if (raises.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<MisuseAlertRepository.NewAlert> toStore = new ArrayList<>();
        List<AlertPublisher.Outgoing> outgoing = new ArrayList<>(raises.size());
        for (Raise raise : raises) {
            UUID alertId = raise.storedAs();
            Instant raisedAt = raise.raisedAt() == null ? now : raise.raisedAt();
            if (alertId == null) {
                alertId = UUID.randomUUID();
                toStore.add(new MisuseAlertRepository.NewAlert(alertId, raise.rule(), raise.actor().userId(),
                        raise.occurredAt(), raisedAt));
            }
            outgoing.add(new AlertPublisher.Outgoing(alertId, raise.rule(), raisedAt, raise.actor(), raise.summary(),
                    raise.recordSequences(), raise.childIds(), raise.occurrences(), raise.trace()));
        }
        alerts.insertAll(toStore);
        List<MisuseAlert> published = publisher.publishAll(outgoing);
        // After every alert of the batch is on the outbox, so a response's own writes never hold one back; in the
        // trace of the access that raised the alert, so the investigation it opens continues that trace too. Only a
        // HIGH alert has a response: a night's out-of-hours alerts, thousands in a poll, are not each made current.
        for (int i = 0; i < published.size(); i++) {
            MisuseAlert alert = published.get(i);
            if (MisuseResponse.respondsTo(alert)) {
                tracing.within(raises.get(i).trace(), () -> response.raised(alert));
            }
        }
        return published;
    }
}
