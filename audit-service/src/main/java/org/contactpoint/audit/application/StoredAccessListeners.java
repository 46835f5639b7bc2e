package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * What happens once consumed accesses are in the chain, in the same transaction: the misuse rules look at them (their
 * alerts and outbox rows commit with the records, so the relay publishes them on its next poll), the lookups are
 * counted for the unrelated-children rule, and
 * when the record of a child with a child-protection plan or looked-after status was viewed, the child's responsible
 * local authority is told through its inbox, with no extra step by the viewer.
 */
@ApplicationScoped
public class StoredAccessListeners {

    private final MisuseRules rules;
    private final UnrelatedChildrenRule unrelatedChildren;
    private final AccessNotifications notifications;

    public StoredAccessListeners(MisuseRules rules, UnrelatedChildrenRule unrelatedChildren,
                                 AccessNotifications notifications) {
        this.rules = rules;
        this.unrelatedChildren = unrelatedChildren;
        this.notifications = notifications;
    }

    /** @param stored the records of one batch, in chain order */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(List<AuditChain.Stored> stored) {
        if (stored.isEmpty()) {
            return;
        }
        rules.evaluate(stored);
        unrelatedChildren.count(stored);
        notifications.viewed(stored);
    }
}
