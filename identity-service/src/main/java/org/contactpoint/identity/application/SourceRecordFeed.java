package org.contactpoint.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.messaging.InboxGuard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A poll of the source-record feed topic in one transaction, on {@link BatchMatching}: every message recorded in the
 * inbox in one statement (a redelivery, or a message repeated in the poll, is matched once), then each feed's records
 * matched as one batch in the order consumed (so a source record's resubmissions keep their order, and a later record
 * of a child the poll has just created links to it). A record the matching refuses is taken out of the inbox again,
 * as its own rolled-back transaction would have left it, and its refusal returned for the dead-letter topic.
 */
@ApplicationScoped
public class SourceRecordFeed {

    /** A message of the feed: its id is its inbox key; {@code feed} the system that sent it. */
    public record Delivery(String messageId, String feed, RegisterChild record) {
    }

    private final InboxGuard inbox;
    private final BatchMatching matching;

    public SourceRecordFeed(InboxGuard inbox, BatchMatching matching) {
        this.inbox = inbox;
        this.matching = matching;
    }

    /** @return one refusal per delivery, in order: null where the record was matched or already had been */
    @Transactional
    public List<DomainException> receiveAll(String consumer, String action, List<Delivery> deliveries) {
        Set<String> firstTime = inbox.firstDeliveries(consumer,
                deliveries.stream().map(Delivery::messageId).distinct().toList());
        Set<String> taken = new HashSet<>();
        Map<String, List<Integer>> byFeed = new LinkedHashMap<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            if (firstTime.contains(delivery.messageId()) && taken.add(delivery.messageId())) {
                byFeed.computeIfAbsent(delivery.feed(), feed -> new ArrayList<>()).add(i);
            }
        }
        DomainException[] refusals = new DomainException[deliveries.size()];
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> feed : byFeed.entrySet()) {
            List<RegisterChild> records = feed.getValue().stream().map(i -> deliveries.get(i).record()).toList();
            String sourceIds = records.stream().map(RegisterChild::sourceId).filter(Objects::nonNull)
                    .collect(Collectors.joining(","));
            List<BatchMatching.Outcome> outcomes = matching.match(records, Submitter.feed(feed.getKey()), action,
                    Map.of("feed", feed.getKey(), "sourceIds", sourceIds));
            for (int k = 0; k < outcomes.size(); k++) {
                if (outcomes.get(k).refused()) {
                    int i = feed.getValue().get(k);
                    refusals[i] = outcomes.get(k).refusal();
                    refused.add(deliveries.get(i).messageId());
                }
            }
        }
        inbox.forget(consumer, refused);
        return Arrays.asList(refusals);
    }
}
