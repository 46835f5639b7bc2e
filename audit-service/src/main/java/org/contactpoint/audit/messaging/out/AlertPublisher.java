package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Publishes raised alerts on audit.alerts.v1 through the outbox, in the caller's transaction, keyed by the user: a
 * batch of alerts in one multi-row insert, in the order given.
 */
@ApplicationScoped
public class AlertPublisher {

    /** An alert to publish, already stored in {@code misuse_alert} under {@code alertId}. */
    public record Outgoing(UUID alertId, Rule rule, Instant raisedAt, AuditEvent.Actor actor, String summary,
                           List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
    }

    private final OutboxWriter outbox;

    public AlertPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** @return the contract records written to the outbox, in the order given */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<MisuseAlert> publishAll(List<Outgoing> alerts) {
        List<MisuseAlert> published = alerts.stream().map(AlertPublisher::contract).toList();
        outbox.appendAll(published.stream().map(alert -> new OutboxWriter.Outgoing(Topics.AUDIT_ALERTS,
                alert.actor().userId(), MisuseAlert.TYPE, alert)).toList());
        return published;
    }

    private static MisuseAlert contract(Outgoing alert) {
        Occurrences occurrences = alert.occurrences();
        return new MisuseAlert(alert.alertId().toString(), alert.rule().name(), alert.rule().severity(),
                alert.raisedAt(), alert.summary(), alert.actor(), alert.recordSequences(), alert.childIds(),
                new MisuseAlert.Aggregate(occurrences.count(), occurrences.firstSeenAt(), occurrences.lastSeenAt()));
    }
}
