package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.MisuseAlertRecord;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes a raised alert on audit.alerts.v1 through the outbox, in the caller's transaction, keyed by the user. */
@ApplicationScoped
public class AlertPublisher {

    private final OutboxWriter outbox;

    public AlertPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert publish(MisuseAlertRecord raised, AuditEvent.Actor actor, String summary,
                               List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
        return publish(raised.alertId(), raised.rule(), raised.raisedAt(), actor, summary, recordSequences, childIds,
                occurrences);
    }

    /** Publishes an alert already stored (a counting rule's, stored a batch at a time). */
    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert publish(UUID alertId, Rule rule, Instant raisedAt, AuditEvent.Actor actor, String summary,
                               List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
        MisuseAlert alert = new MisuseAlert(alertId.toString(), rule.name(), rule.severity(), raisedAt, summary, actor,
                recordSequences, childIds, new MisuseAlert.Aggregate(occurrences.count(), occurrences.firstSeenAt(),
                occurrences.lastSeenAt()));
        outbox.append(Topics.AUDIT_ALERTS, actor.userId(), MisuseAlert.TYPE, alert);
        return alert;
    }
}
