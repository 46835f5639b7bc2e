package org.contactpoint.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;

/**
 * The transactional side of the consumers: record the message id first, then apply it, in one transaction. Each
 * event shares the read-model lock, so while a rebuild holds it the consumers wait (hence the long timeout).
 */
@ApplicationScoped
public class ReadModelConsumerHandler {

    static final String CHILDREN_CONSUMER = "search-gateway.identity-children";
    static final String INVOLVEMENTS_CONSUMER = "search-gateway.involvements";

    private static final int WAIT_FOR_REBUILD_SECONDS = 4 * 3600;

    private final InboxGuard inbox;
    private final ReadModelProjection projection;
    private final ChildIndexRepository index;
    private final GatewayConfig config;

    public ReadModelConsumerHandler(InboxGuard inbox, ReadModelProjection projection, ChildIndexRepository index,
                                    GatewayConfig config) {
        this.inbox = inbox;
        this.projection = projection;
        this.index = index;
        this.config = config;
    }

    @Transactional
    @TransactionConfiguration(timeout = WAIT_FOR_REBUILD_SECONDS)
    public void onChildEvent(IncomingEvent event) {
        index.lockReadModel(ReadModelRebuild.READ_MODEL_LOCK, false);
        if (inbox.firstDelivery(CHILDREN_CONSUMER, event.id())) {
            projection.applyChild(event, config.scope());
        }
    }

    @Transactional
    @TransactionConfiguration(timeout = WAIT_FOR_REBUILD_SECONDS)
    public void onInvolvementEvent(IncomingEvent event) {
        index.lockReadModel(ReadModelRebuild.READ_MODEL_LOCK, false);
        if (inbox.firstDelivery(INVOLVEMENTS_CONSUMER, event.id())) {
            projection.applyInvolvement(event, config.scope());
        }
    }
}
