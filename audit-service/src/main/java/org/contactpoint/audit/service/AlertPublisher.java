package org.contactpoint.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.MisuseAlertRecord;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.repository.MisuseAlertRepository;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Raises an alert: keeps it and publishes it on audit.alerts.v1 through the outbox, in the caller's transaction. */
@ApplicationScoped
public class AlertPublisher {

    private final MisuseAlertRepository alerts;
    private final OutboxWriter outbox;
    private final Clock clock;

    public AlertPublisher(MisuseAlertRepository alerts, OutboxWriter outbox, Clock clock) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseAlert raise(Rule rule, AuditEvent.Actor actor, Instant occurredAt, String summary,
                             List<Long> recordSequences, List<String> childIds) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        alerts.persist(new MisuseAlertRecord(id, rule.name(), actor.userId(), occurredAt, now));
        MisuseAlert alert = new MisuseAlert(id.toString(), rule.name(), rule.severity(), now, summary, actor,
                recordSequences, childIds);
        outbox.append(Topics.AUDIT_ALERTS, actor.userId(), MisuseAlert.TYPE, alert);
        return alert;
    }
}
