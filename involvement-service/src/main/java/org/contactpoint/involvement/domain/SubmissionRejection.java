package org.contactpoint.involvement.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An agency's submission refused on its organisation's topic, and why: what the agency reads back over REST instead of
 * its dead-letter topic.
 *
 * @param submissionId   the payload's {@code submissionId}; null when the payload could not be read
 * @param recordPosition where the refused record was ({@code topic/partition/offset}): one rejection per record
 */
public record SubmissionRejection(UUID id, String sourceAgency, String organisationCode, String submissionId,
                                  String reason, Instant rejectedAt, String recordPosition) {
}
