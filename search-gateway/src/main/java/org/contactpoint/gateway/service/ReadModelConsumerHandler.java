package org.contactpoint.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.support.messaging.InboxGuard;
import org.contactpoint.support.messaging.IncomingEvent;

/** The transactional side of the consumers: record the message id first, then apply it, in one transaction. */
@ApplicationScoped
public class ReadModelConsumerHandler {

    static final String CHILDREN_CONSUMER = "search-gateway.identity-children";
    static final String INVOLVEMENTS_CONSUMER = "search-gateway.involvements";

    private final InboxGuard inbox;
    private final ReadModelProjection projection;
    private final GatewayConfig config;

    public ReadModelConsumerHandler(InboxGuard inbox, ReadModelProjection projection, GatewayConfig config) {
        this.inbox = inbox;
        this.projection = projection;
        this.config = config;
    }

    @Transactional
    public void onChildEvent(IncomingEvent event) {
        if (inbox.firstDelivery(CHILDREN_CONSUMER, event.id())) {
            projection.applyChild(event, config.scope());
        }
    }

    @Transactional
    public void onInvolvementEvent(IncomingEvent event) {
        if (inbox.firstDelivery(INVOLVEMENTS_CONSUMER, event.id())) {
            projection.applyInvolvement(event, config.scope());
        }
    }
}
