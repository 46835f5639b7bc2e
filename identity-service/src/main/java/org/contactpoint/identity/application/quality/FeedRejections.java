package org.contactpoint.identity.application.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.quality.FeedRejection;
import org.contactpoint.identity.repository.quality.FeedRejectionRepository;

import java.time.Clock;
import java.util.List;

/**
 * Keeps the source records refused over REST and Kafka for the data-quality report (an import keeps its own refused
 * lines). Counting is never allowed to stop the refusal itself: a failure here is logged, and the caller still gets
 * its 400 or the record its dead letter.
 */
@ApplicationScoped
public class FeedRejections {

    private final FeedRejectionRepository rejections;
    private final Clock clock;

    public FeedRejections(FeedRejectionRepository rejections, Clock clock) {
        this.rejections = rejections;
        this.clock = clock;
    }

    /**
     * A record as it was sent (null or not an object when unreadable), refused for {@code reason}: counted under the
     * source it names, as matching counts the records it decides, else under the feed that sent it.
     */
    public FeedRejection of(FeedRejection.Channel channel, JsonNode record, String feed, String reason,
                            String messageId) {
        String named = text(record, "source");
        String source = named != null ? named : feed;
        return FeedRejection.of(clock.instant(), channel, source, text(record, "responsibleLocalAuthority"), reason,
                messageId);
    }

    /** In a transaction of its own, so that the rest of a batch or a poll goes on whatever happens here. */
    public void record(List<FeedRejection> refused) {
        if (refused.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> rejections.insert(refused));
        } catch (RuntimeException e) {
            Log.warnf("Could not count %d refused source records for data quality: %s", refused.size(),
                    e.getMessage());
        }
    }

    private static String text(JsonNode record, String field) {
        return record != null && record.isObject() && record.path(field).isTextual() ? record.get(field).asText()
                : null;
    }
}
