package org.contactpoint.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.events.audit.AuditEvent;

/** What happens once a consumed access is in the chain: the misuse rules and access notification look at it. */
@ApplicationScoped
public class StoredAccessListeners {

    private final MisuseRules rules;
    private final AccessNotifier notifier;

    public StoredAccessListeners(MisuseRules rules, AccessNotifier notifier) {
        this.rules = rules;
        this.notifier = notifier;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(AuditRecord record, AuditEvent event) {
        rules.evaluate(record, event);
        notifier.stored(record, event);
    }
}
