package org.contactpoint.audit.domain;

/**
 * The result of walking the chain from the first record to the head.
 *
 * @param intact         true when every link holds
 * @param recordsChecked how many records were walked (up to and including the broken one)
 * @param headSequence   the sequence the chain head names
 * @param headHash       the hash the chain head names
 * @param firstBroken    the first record whose link does not hold; null when intact
 */
public record ChainVerification(boolean intact, long recordsChecked, long headSequence, String headHash,
                                BrokenLink firstBroken) {

    /**
     * @param sequence the record at fault (for a missing record: the sequence that should be there)
     * @param eventId  its event id, when the row exists
     * @param reason   what does not hold
     */
    public record BrokenLink(long sequence, String eventId, String reason) {
    }
}
