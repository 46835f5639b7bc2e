package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.MisuseAlertRecord;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.messaging.out.AlertPublisher;
import org.contactpoint.audit.repository.MisuseAlertRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Raises an alert: keeps it (so a windowed rule raises once per window) and publishes it, in the caller's transaction.
 */
@ApplicationScoped
public class Alerts {

    private final MisuseAlertRepository alerts;
    private final AlertPublisher publisher;
    private final Clock clock;
    private final MisuseResponse response;

    public Alerts(MisuseAlertRepository alerts, AlertPublisher publisher, Clock clock, MisuseResponse response) {
        this.alerts = alerts;
        this.publisher = publisher;
        this.clock = clock;
        this.response = response;
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
        MisuseAlertRecord raised = new MisuseAlertRecord(UUID.randomUUID(), rule, actor.userId(), occurredAt,
                clock.instant());
        alerts.persist(raised);
        return respond(publisher.publish(raised, actor, summary, recordSequences, childIds, occurrences));
    }

    /** Publishes an alert a counting rule has already stored (see {@link MisuseRules}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert publish(UUID alertId, Rule rule, Instant raisedAt, AuditEvent.Actor actor, String summary,
                               List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
        return respond(publisher.publish(alertId, rule, raisedAt, actor, summary, recordSequences, childIds,
                occurrences));
    }

    /** A HIGH alert may suspend the account and opens an investigation (MisuseResponse). */
    private MisuseAlert respond(MisuseAlert alert) {
        response.raised(alert);
        return alert;
    }
}
