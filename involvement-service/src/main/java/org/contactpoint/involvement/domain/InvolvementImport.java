package org.contactpoint.involvement.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An agency's initial load of involvements and how far it has got: its lines received, processed, and what became of
 * them (started, parked for a child not known yet, the same submission again, rejected with a reason).
 *
 * @param agency       the uploading agency (its submission ids are its own)
 * @param startedAt    when the upload began
 * @param processingAt when the first batch was applied
 * @param finishedAt   when the last line was processed
 */
public record InvolvementImport(UUID id, String agency, State state, long lines, long processed, long started,
                                long parked, long duplicates, long rejected, Instant startedAt, Instant processingAt,
                                Instant finishedAt) {

    /** RECEIVING while the upload is read; QUEUED until the worker starts; RUNNING; COMPLETED (the states of identity's source-record imports). */
    public enum State { RECEIVING, QUEUED, RUNNING, COMPLETED }

    /** Lines processed per second since processing began, until it finished (or until now). */
    public double recordsPerSecond(Instant now) {
        if (processingAt == null || processed == 0) {
            return 0;
        }
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Math.max(0.001, (end.toEpochMilli() - processingAt.toEpochMilli()) / 1000.0);
        return Math.round(processed / seconds * 10) / 10.0;
    }

    /** A line that was not applied, and why. */
    public record Rejection(long line, String reason) {
    }
}
