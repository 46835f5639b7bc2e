package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AccessNotification;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.OutboxWriter;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells a child's responsible local authority that the child's record was viewed (audit.access-notifications.v1,
 * keyed by the child), through the outbox in the caller's transaction.
 */
@ApplicationScoped
public class AccessNotifier {

    private final OutboxWriter outbox;

    public AccessNotifier(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /**
     * @param profile what audit-service knows of the child; empty when it has not heard of the child yet (the
     *                notification then names no local authority and no vulnerabilities)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void viewed(String childId, Optional<ChildProfile> profile, AuditRecord record, AuditEvent event) {
        AuditEvent.Actor actor = event.actor();
        List<String> vulnerabilities = profile.map(known -> known.vulnerabilities().stream().map(Enum::name).toList())
                .orElse(List.of());
        AccessNotification notification = new AccessNotification(UUID.randomUUID().toString(), childId,
                profile.map(ChildProfile::responsibleLocalAuthority).orElse(null), vulnerabilities, event.occurredAt(),
                new AccessNotification.Viewer(actor.userId(), actor.name(), actor.organisation(),
                        actor.organisationCode(), actor.localAuthority()),
                event.purpose(), event.breakGlassReason(), record.sequence());
        outbox.append(Topics.AUDIT_ACCESS_NOTIFICATIONS, childId, AccessNotification.TYPE, notification);
    }
}
