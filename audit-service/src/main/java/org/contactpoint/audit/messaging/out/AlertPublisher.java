package org.contactpoint.audit.messaging.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Occurrences;
import org.contactpoint.audit.domain.Rule;
import org.contactpoint.audit.repository.OutboxRepository;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.tracing.Tracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.UUID;

/**
 * Publishes raised alerts on audit.alerts.v1 through the outbox, in the caller's transaction, keyed by the user: a
 * batch of alerts in one multi-row insert, in the order given. Each alert's row continues the trace of the access that
 * raised it (a consumed poll mixes many lookups' traces), else the trace of the work in hand.
 */
@ApplicationScoped
public class AlertPublisher {

    /**
     * An alert to publish, already stored in {@code misuse_alert} under {@code alertId}; {@code trace} is the trace
     * context its row continues (serialised as an outbox row keeps it), null for the work in hand's.
     */
    public record Outgoing(UUID alertId, Rule rule, Instant raisedAt, AuditEvent.Actor actor, String summary,
                           List<Long> recordSequences, List<String> childIds, Occurrences occurrences,
                           String trace) {

        public Outgoing(UUID alertId, Rule rule, Instant raisedAt, AuditEvent.Actor actor, String summary,
                        List<Long> recordSequences, List<String> childIds, Occurrences occurrences) {
            this(alertId, rule, raisedAt, actor, summary, recordSequences, childIds, occurrences, null);
        }
    }

    private final OutboxRepository outbox;
    private final ObjectMapper objectMapper;
    private final Tracing tracing;

    public AlertPublisher(OutboxRepository outbox, ObjectMapper objectMapper, Tracing tracing) {
        this.outbox = outbox;
        this.objectMapper = objectMapper;
        this.tracing = tracing;
    }

    /** @return the contract records written to the outbox, in the order given */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<MisuseAlert> publishAll(List<Outgoing> alerts) {
        List<MisuseAlert> published = new ArrayList<>(alerts.size());
        List<OutboxRepository.Row> rows = new ArrayList<>(alerts.size());
        UnaryOperator<String> traces = tracing.ownOrInHand();
        for (Outgoing alert : alerts) {
            MisuseAlert contract = contract(alert);
            String trace = traces.apply(alert.trace());
            try {
                rows.add(new OutboxRepository.Row(UUID.randomUUID(), Topics.AUDIT_ALERTS, contract.actor().userId(),
                        MisuseAlert.TYPE, objectMapper.writeValueAsString(contract), trace));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Event payload is not serialisable: " + MisuseAlert.TYPE, e);
            }
            published.add(contract);
        }
        outbox.append(rows);
        return published;
    }

    private static MisuseAlert contract(Outgoing alert) {
        Occurrences occurrences = alert.occurrences();
        return new MisuseAlert(alert.alertId().toString(), alert.rule().name(), alert.rule().severity(),
                alert.raisedAt(), alert.summary(), alert.actor(), alert.recordSequences(), alert.childIds(),
                new MisuseAlert.Aggregate(occurrences.count(), occurrences.firstSeenAt(), occurrences.lastSeenAt()));
    }
}
