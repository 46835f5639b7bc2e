package org.contactpoint.events.audit;

/**
 * A witness point of the audit chain on {@code audit.records.v1}, published periodically: the head of the chain at
 * that moment. A party outside the system that keeps these can later prove history was not rewritten: a chain whose
 * record {@code sequence} no longer hashes to {@code headHash} was changed after the checkpoint. Key: the chain key.
 *
 * @param sequence              the last record covered
 * @param headHash              that record's hash
 * @param previousCheckpointSequence the sequence of the checkpoint before this one (0 for the first)
 * @param checkpointedAt        when the checkpoint was taken
 */
public record ChainCheckpoint(long sequence, String headHash, long previousCheckpointSequence,
                              java.time.Instant checkpointedAt) {

    public static final String TYPE = "audit.chain.checkpointed.v1";
}
