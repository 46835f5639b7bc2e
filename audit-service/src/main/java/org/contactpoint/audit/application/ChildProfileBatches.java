package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.domain.ChildState;
import org.contactpoint.audit.repository.ChildProfileBatchRepository;
import org.contactpoint.support.messaging.InboxGuard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A poll of identity.children.v1 in one transaction, with the effect of {@link ReferenceData} applying each event on
 * its own: the messages in the inbox in one statement (a redelivery, or a message repeated in the poll, counts once),
 * each child's newest state written and its waiting notices addressed in one statement each. A child purged in the
 * poll has its events applied one by one, in the order consumed, so a purge and what came before or after it keep
 * their order.
 */
@ApplicationScoped
public class ChildProfileBatches {

    /** A message of the topic: the child's new state, or null for a purge of {@code childId}. */
    public record Delivery(String messageId, String childId, ChildState state) {

        public static Delivery of(String messageId, ChildState state) {
            return new Delivery(messageId, state.childId(), state);
        }

        public static Delivery purge(String messageId, String childId) {
            return new Delivery(messageId, childId, null);
        }
    }

    private final InboxGuard inbox;
    private final ChildProfileBatchRepository profiles;
    private final ReferenceData referenceData;

    public ChildProfileBatches(InboxGuard inbox, ChildProfileBatchRepository profiles,
                               ReferenceData referenceData) {
        this.inbox = inbox;
        this.profiles = profiles;
        this.referenceData = referenceData;
    }

    @Transactional
    public void receiveAll(String consumer, List<Delivery> deliveries) {
        Set<String> firstTime = inbox.firstDeliveries(consumer,
                deliveries.stream().map(Delivery::messageId).distinct().toList());
        Set<String> taken = new HashSet<>();
        Map<String, List<Delivery>> byChild = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            if (firstTime.contains(delivery.messageId()) && taken.add(delivery.messageId())) {
                byChild.computeIfAbsent(delivery.childId(), id -> new ArrayList<>()).add(delivery);
            }
        }
        List<ChildProfile> newest = new ArrayList<>();
        List<Delivery> oneByOne = new ArrayList<>();
        for (List<Delivery> events : byChild.values()) {
            if (events.stream().anyMatch(d -> d.state() == null)) {
                oneByOne.addAll(events);
                continue;
            }
            // The newest version wins and an older or repeated one changes nothing: only the first of the highest
            // version counts.
            ChildState latest = null;
            for (Delivery delivery : events) {
                if (latest == null || delivery.state().version() > latest.version()) {
                    latest = delivery.state();
                }
            }
            newest.add(ChildProfile.first(latest));
        }
        profiles.store(newest);
        for (Delivery delivery : oneByOne) {
            if (delivery.state() == null) {
                referenceData.childPurged(delivery.childId());
            } else {
                referenceData.childChanged(delivery.state());
            }
        }
    }
}
