package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.messaging.out.AccessNotifier;
import org.contactpoint.audit.messaging.out.AuditStreamPublisher;
import org.contactpoint.audit.repository.ChildProfileRepository;
import org.contactpoint.events.audit.AuditEvent;

import java.util.List;

/**
 * What happens once consumed accesses are in the chain: the misuse rules look at them, and when the record of a child
 * with a child-protection plan or looked-after status was viewed, the child's responsible local authority is told
 * (as CP-IS does for unscheduled care), with no extra step by the viewer.
 */
@ApplicationScoped
public class StoredAccessListeners {

    static final String VIEW_RECORD = "VIEW_RECORD";

    private final MisuseRules rules;
    private final ChildProfileRepository children;
    private final AccessNotifier notifier;

    public StoredAccessListeners(MisuseRules rules, ChildProfileRepository children, AccessNotifier notifier) {
        this.rules = rules;
        this.children = children;
        this.notifier = notifier;
    }

    /** @param stored the records of one batch, in chain order */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(List<AuditStreamPublisher.Stored> stored) {
        if (stored.isEmpty()) {
            return;
        }
        rules.evaluate(stored);
        stored.forEach(s -> notifyProtectedViews(s.record(), s.event()));
    }

    private void notifyProtectedViews(AuditRecord record, AuditEvent event) {
        if (!VIEW_RECORD.equals(event.action()) || !AuditEvent.Outcome.SUCCESS.name().equals(event.outcome())
                || event.protectedChildIds() == null) {
            return;
        }
        for (String childId : event.protectedChildIds()) {
            notifier.viewed(childId, children.findByIdOptional(childId), record, event);
        }
    }
}
