package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.MisuseAlertRecord;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.messaging.OutboxWriter;

import java.util.List;

/** Publishes a raised alert on audit.alerts.v1 through the outbox, in the caller's transaction, keyed by the user. */
@ApplicationScoped
public class AlertPublisher {

    private final OutboxWriter outbox;

    public AlertPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert publish(MisuseAlertRecord raised, AuditEvent.Actor actor, String summary,
                               List<Long> recordSequences, List<String> childIds) {
        MisuseAlert alert = new MisuseAlert(raised.alertId().toString(), raised.rule().name(),
                raised.rule().severity(), raised.raisedAt(), summary, actor, recordSequences, childIds);
        outbox.append(Topics.AUDIT_ALERTS, actor.userId(), MisuseAlert.TYPE, alert);
        return alert;
    }
}
