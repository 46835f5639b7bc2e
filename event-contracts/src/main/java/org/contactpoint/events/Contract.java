package org.contactpoint.events;

import java.util.List;

/**
 * A payload that knows its own rules. {@link org.contactpoint.events.json.EventJson#read} checks them once for every
 * reader, so a producer's contract is validated the same way by every consumer.
 */
public interface Contract {

    /** Each way this payload breaks its contract, in words a dead-letter reader understands; empty when it is valid. */
    List<String> violations();

    /**
     * The aggregate id the record key must equal (a child's ContactPoint ID for an event about a child), or null when
     * the key is not tied to the payload. A mismatch cannot be trusted: the key decides the partition and so the order.
     */
    default String expectedKey() {
        return null;
    }
}
