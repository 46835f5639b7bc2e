package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Investigation;
import org.contactpoint.events.audit.MisuseInvestigation;
import org.contactpoint.support.messaging.OutboxWriter;

/**
 * Publishes an opened investigation on audit.investigations.v1 through the outbox, in the transaction that opens it,
 * keyed by the investigation id, so that the user's organisation and the LA team are told in their inboxes
 * (involvement-service). The alert's summary stays behind: it may quote a name searched for.
 */
@ApplicationScoped
public class InvestigationPublisher {

    private final OutboxWriter outbox;

    public InvestigationPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public MisuseInvestigation opened(Investigation investigation) {
        MisuseInvestigation event = new MisuseInvestigation(investigation.investigationId().toString(),
                investigation.alertId() == null ? null : investigation.alertId().toString(), investigation.rule(),
                investigation.userId(), investigation.userName(), investigation.organisation(),
                investigation.organisationCode(), investigation.localAuthority(), investigation.accountSuspended(),
                investigation.openedAt());
        outbox.append(MisuseInvestigation.TOPIC, event.investigationId(), MisuseInvestigation.OPENED, event);
        return event;
    }
}
