package org.contactpoint.gateway.messaging.in;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.gateway.application.ReadModelProjection;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;

/**
 * The transactional side of the consumers, on the shared template: wait out any rebuild (the read model's lock, taken
 * shared), then type check, inbox, parse and validate ({@link Inbound}), then apply, in one transaction. While a
 * rebuild holds the lock the consumers wait, hence the long timeout.
 */
@ApplicationScoped
public class ReadModelConsumerHandler {

    // The inbox names predate the consumer groups' <service>.<topic> names; kept so redeliveries are still recognised.
    static final String CHILDREN_CONSUMER = "search-gateway.identity-children";
    static final String INVOLVEMENTS_CONSUMER = "search-gateway.involvements";

    private static final int WAIT_FOR_REBUILD_SECONDS = 4 * 3600;

    private final Inbound inbound;
    private final ReadModelProjection projection;
    private final ReadModelEvents events;
    private final GatewayConfig config;

    public ReadModelConsumerHandler(Inbound inbound, ReadModelProjection projection, ReadModelEvents events,
                                    GatewayConfig config) {
        this.inbound = inbound;
        this.projection = projection;
        this.events = events;
        this.config = config;
    }

    @Transactional
    @TransactionConfiguration(timeout = WAIT_FOR_REBUILD_SECONDS)
    public void onChildEvent(IncomingEvent event) {
        projection.awaitRebuild();
        ReadModelEvents.named(ChildEvent.class, () -> inbound.receive(event, CHILDREN_CONSUMER,
                        ReadModelEvents.CHILD_TYPES, ChildEvent.class, Inbound.Tombstones.ACCEPTED))
                .ifPresent(delivery -> events.applyChild(delivery, config.scope()));
    }

    @Transactional
    @TransactionConfiguration(timeout = WAIT_FOR_REBUILD_SECONDS)
    public void onInvolvementEvent(IncomingEvent event) {
        projection.awaitRebuild();
        ReadModelEvents.named(InvolvementEvent.class, () -> inbound.receive(event, INVOLVEMENTS_CONSUMER,
                        ReadModelEvents.INVOLVEMENT_TYPES, InvolvementEvent.class, Inbound.Tombstones.REFUSED))
                .ifPresent(delivery -> events.applyInvolvement(delivery.event(), delivery.payload(),
                        config.scope()));
    }
}
