package org.contactpoint.identity.domain.quality;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A source record refused as invalid, as the data-quality report counts it: which feed sent it, the authority it named,
 * why. What a hostile record carries is never stored as it came: a feed or authority that is not a plain code is
 * unknown, and the reason loses characters PostgreSQL cannot store and is cut to 500.
 *
 * @param messageId a Kafka record's topic/partition/offset (a redelivery counts once); null over REST
 */
public record FeedRejection(Instant receivedAt, Channel channel, String source, String localAuthority, String reason,
                            String messageId) {

    /** How the record came. */
    public enum Channel { REST, BATCH, KAFKA }

    public static final String UNKNOWN_SOURCE = "UNKNOWN";
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern LOCAL_AUTHORITY = Pattern.compile("[A-Z][0-9]{8}");
    private static final int REASON_LIMIT = 500;

    public static FeedRejection of(Instant receivedAt, Channel channel, String source, String localAuthority,
                                   String reason, String messageId) {
        return new FeedRejection(receivedAt, channel,
                source != null && SOURCE.matcher(source).matches() ? source : UNKNOWN_SOURCE,
                localAuthority != null && LOCAL_AUTHORITY.matcher(localAuthority).matches() ? localAuthority : null,
                storable(reason), messageId == null ? null : storable(messageId));
    }

    /** Without NUL and unpaired surrogates, at most 500 characters, never cutting a pair in two. */
    static String storable(String text) {
        if (text == null || text.isBlank()) {
            return "refused without a reason";
        }
        StringBuilder kept = new StringBuilder(Math.min(text.length(), REASON_LIMIT));
        for (int i = 0; i < text.length() && kept.length() < REASON_LIMIT; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (kept.length() + 2 > REASON_LIMIT) {
                    break;
                }
                kept.append(c).append(text.charAt(++i));
            } else if (c != 0 && !Character.isSurrogate(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
