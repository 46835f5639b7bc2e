package org.contactpoint.identity.domain.quality;

import java.time.Instant;
import java.util.List;

/**
 * How well the register is kept, with no personal data: per source feed, what matching did with its records over a
 * period; the review queue per local authority; children no source has confirmed for a year; suspected duplicates.
 *
 * @param localAuthority the authority these figures are for; null for England's
 */
public record DataQuality(Instant from, Instant to, String localAuthority, List<Feed> feeds,
                          List<ReviewQueue> reviewQueues, long unconfirmedForTwelveMonths,
                          long suspectedDuplicates) {

    /**
     * One source feed over the period.
     *
     * @param received     records matched (linked, created or sent to review) plus lines rejected
     * @param rejected     import lines rejected (a line that cannot be read or fails a check)
     * @param topRejections the five commonest rejection reasons
     */
    public record Feed(String source, long received, long linked, long created, long sentToReview, long rejected,
                       List<Reason> topRejections) {
    }

    public record Reason(String reason, long count) {
    }

    /**
     * One authority's pending review items now.
     *
     * @param oldestSeconds how long the oldest has waited; medianSeconds the median wait
     */
    public record ReviewQueue(String localAuthority, long size, Instant oldest, long oldestSeconds,
                              long medianSeconds) {
    }

    /** Two separate records the matcher scored as probably the same child (at or above the review band). */
    public record SuspectedDuplicate(String contactPointId, String otherContactPointId, double probability,
                                     Instant scoredAt) {
    }
}
