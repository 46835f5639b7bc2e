package org.contactpoint.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Contract;
import org.contactpoint.events.json.ContractViolation;
import org.contactpoint.events.json.EventJson;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The first steps every event handler takes, in the handler's own transaction and in this order: the event's type is
 * one this consumer reads; the message id goes into the inbox (a redelivery stops here, changing nothing); the payload
 * is parsed into its contract type, whose own rules are checked, and its key matches the aggregate it is about. Every
 * failure is an {@link InvalidEventException} whose message is the dead-letter reason. The handler then applies the
 * payload through the application layer.
 */
@ApplicationScoped
public class Inbound {

    /** Whether a consumer takes a record without a value (a tombstone) or dead-letters it. */
    public enum Tombstones { ACCEPTED, REFUSED }

    /**
     * A message seen for the first time.
     *
     * @param payload the contract record; null only for an accepted tombstone
     */
    public record Delivery<T>(IncomingEvent event, T payload) {
        public boolean isTombstone() {
            return payload == null;
        }
    }

    private final InboxGuard inbox;

    public Inbound(InboxGuard inbox) {
        this.inbox = inbox;
    }

    /**
     * @param consumer the inbox name of this consumer (stable: it is what recognises a redelivery)
     * @param types    the CloudEvents types this consumer reads
     * @return the delivery, or empty when this consumer has already applied the message
     * @throws InvalidEventException when the message can never be applied as it stands
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Optional<Delivery<T>> receive(IncomingEvent event, String consumer, Set<String> types,
                                             Class<T> contract, Tombstones tombstones) {
        if (event.isTombstone()) {
            if (tombstones == Tombstones.REFUSED) {
                throw new InvalidEventException("a " + contract.getSimpleName() + " must have a value");
            }
        } else if (event.type() == null || !types.contains(event.type())) {
            throw new InvalidEventException("unknown ce_type " + event.type() + "; expected one of "
                    + types.stream().sorted().toList());
        }
        if (!inbox.firstDelivery(consumer, event.id())) {
            return Optional.empty();
        }
        if (event.isTombstone()) {
            return Optional.of(new Delivery<>(event, null));
        }
        return Optional.of(new Delivery<>(event, parse(event, contract)));
    }

    /** The same, for a consumer that reads one type and takes no tombstones; empty for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Optional<T> receive(IncomingEvent event, String consumer, String type, Class<T> contract) {
        return receive(event, consumer, Set.of(type), contract, Tombstones.REFUSED).map(Delivery::payload);
    }

    /** The payload as its contract, validated, with its key checked: for handlers that cannot use the inbox step. */
    public static <T> T parse(IncomingEvent event, Class<T> contract) {
        T payload;
        try {
            payload = EventJson.read(event.payload(), contract);
        } catch (ContractViolation e) {
            throw new InvalidEventException(e.getMessage(), e);
        }
        if (payload instanceof Contract checked && checked.expectedKey() != null
                && !Objects.equals(checked.expectedKey(), event.key())) {
            throw new InvalidEventException(contract.getSimpleName() + " " + checked.expectedKey()
                    + " does not match the record key " + event.key());
        }
        return payload;
    }
}
