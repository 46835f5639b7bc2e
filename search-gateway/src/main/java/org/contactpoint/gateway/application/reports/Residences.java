package org.contactpoint.gateway.application.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.domain.reports.Residence;
import org.contactpoint.gateway.repository.reports.ResidenceRepository;
import org.contactpoint.support.messaging.InboxGuard;

/**
 * Keeps when each child's responsible local authority last changed, from identity's child events: the inbox first (a
 * redelivered message changes nothing), then newest version wins.
 */
@ApplicationScoped
public class Residences {

    /** The inbox's consumer name for these events (apart from the read model's). */
    public static final String CONSUMER = "search-gateway.la-residence";

    private final InboxGuard inbox;
    private final ResidenceRepository residences;

    public Residences(InboxGuard inbox, ResidenceRepository residences) {
        this.inbox = inbox;
        this.residences = residences;
    }

    @Transactional
    public void apply(String messageId, Residence residence) {
        if (inbox.firstDelivery(CONSUMER, messageId)) {
            residences.apply(residence);
        }
    }

    /** The child was purged: nothing of them is kept. */
    @Transactional
    public void purge(String messageId, String contactPointId) {
        if (inbox.firstDelivery(CONSUMER, messageId)) {
            residences.forget(contactPointId);
        }
    }
}
