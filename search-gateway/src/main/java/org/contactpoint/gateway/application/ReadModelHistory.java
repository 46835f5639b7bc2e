package org.contactpoint.gateway.application;

/**
 * The published history the read model is built from, replayed from the beginning to its current end (implemented in
 * messaging/in, which reads the topics). Each event goes through the same checks as a live one and is applied through
 * {@link ReadModelProjection}; one that cannot be applied is skipped and counted, and the replay carries on.
 */
public interface ReadModelHistory {

    /**
     * @param events         the events read
     * @param skippedInvalid of those, how many could never be applied (the live consumers dead-letter them)
     */
    record Replayed(long events, long skippedInvalid) {
    }

    /** Replays the identity events; a message id already recorded under {@code replayInbox} is dropped. */
    Replayed replayChildren(String replayInbox);

    /** Replays the involvement events, after the children (in targeted mode an involvement needs its child). */
    Replayed replayInvolvements(String replayInbox);
}
