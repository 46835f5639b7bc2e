package org.contactpoint.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.repository.ChildProfileRepository;
import org.contactpoint.events.Topics;
import org.contactpoint.events.audit.AccessNotification;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.OutboxWriter;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * When the record of a child with a child-protection plan or looked-after status is viewed, tells the child's
 * responsible local authority (as CP-IS does for unscheduled care), with no extra step by the viewer.
 */
@ApplicationScoped
public class AccessNotifier {

    static final String VIEW_RECORD = "VIEW_RECORD";

    private final ChildProfileRepository children;
    private final OutboxWriter outbox;

    public AccessNotifier(ChildProfileRepository children, OutboxWriter outbox) {
        this.children = children;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(AuditRecord record, AuditEvent event) {
        if (!VIEW_RECORD.equals(event.action()) || !"SUCCESS".equals(event.outcome())
                || event.protectedChildIds() == null) {
            return;
        }
        AuditEvent.Actor actor = event.actor();
        for (String childId : event.protectedChildIds()) {
            Optional<ChildProfile> profile = children.findByIdOptional(childId);
            AccessNotification notification = new AccessNotification(UUID.randomUUID().toString(), childId,
                    profile.map(ChildProfile::responsibleLocalAuthority).orElse(null),
                    profile.map(ChildProfile::vulnerabilities).orElse(List.of()), event.occurredAt(),
                    new AccessNotification.Viewer(actor.userId(), actor.name(), actor.organisation(),
                            actor.organisationCode(), actor.localAuthority()),
                    event.purpose(), event.breakGlassReason(), record.sequence());
            outbox.append(Topics.AUDIT_ACCESS_NOTIFICATIONS, childId, AccessNotification.TYPE, notification);
        }
    }
}
