package org.contactpoint.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.events.audit.AuditEvent;

/** What happens once a consumed access is in the chain: the misuse rules look at it. */
@ApplicationScoped
public class StoredAccessListeners {

    private final MisuseRules rules;

    public StoredAccessListeners(MisuseRules rules) {
        this.rules = rules;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(AuditRecord record, AuditEvent event) {
        rules.evaluate(record, event);
    }
}
