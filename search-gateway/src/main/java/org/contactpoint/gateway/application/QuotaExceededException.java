package org.contactpoint.gateway.application;

/**
 * A user has used up a lookup quota; they may try again after {@link #retryAfterSeconds()}.
 *
 * @param policy        the quota used up, {@code minute} or {@code day} (named in the {@code RateLimit} headers)
 * @param limit         lookups that quota allows in its window
 * @param windowSeconds the quota's window
 */
public class QuotaExceededException extends RuntimeException {

    private final long retryAfterSeconds;
    private final String policy;
    private final int limit;
    private final long windowSeconds;

    public QuotaExceededException(String detail, long retryAfterSeconds) {
        this(detail, retryAfterSeconds, null, 0, 0);
    }

    public QuotaExceededException(String detail, long retryAfterSeconds, String policy, int limit,
                                  long windowSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
        this.policy = policy;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The quota used up, or null when not said. */
    public String policy() {
        return policy;
    }

    public int limit() {
        return limit;
    }

    public long windowSeconds() {
        return windowSeconds;
    }
}
