package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.InvolvementState;
import org.contactpoint.audit.repository.ChildInvolvementBatchRepository;
import org.contactpoint.support.messaging.InboxGuard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A poll of involvement.involvements.v2 in one transaction (issue 17: one commit, and one WAL flush, per poll rather
 * than per involvement during an agency's initial load), with the effect of {@link ReferenceData} applying each event
 * on its own: the messages in the inbox in one statement (a redelivery, or a message repeated in the poll, counts
 * once), each involvement's newest state written, or dropped when it is no longer worth keeping, in one statement
 * each. An involvement removed in the poll (a tombstone) has its events applied one by one, in the order consumed.
 */
@ApplicationScoped
public class ChildInvolvementBatches {

    /** A message of the topic: the involvement's new state, or null for the tombstone of {@code involvementId}. */
    public record Delivery(String messageId, String involvementId, InvolvementState state) {

        public static Delivery of(String messageId, InvolvementState state) {
            return new Delivery(messageId, state.involvementId(), state);
        }

        public static Delivery removal(String messageId, String involvementId) {
            return new Delivery(messageId, involvementId, null);
        }
    }

    private final InboxGuard inbox;
    private final ChildInvolvementBatchRepository involvements;
    private final ReferenceData referenceData;

    public ChildInvolvementBatches(InboxGuard inbox, ChildInvolvementBatchRepository involvements,
                                   ReferenceData referenceData) {
        this.inbox = inbox;
        this.involvements = involvements;
        this.referenceData = referenceData;
    }

    @Transactional
    public void receiveAll(String consumer, List<Delivery> deliveries) {
        Set<String> firstTime = inbox.firstDeliveries(consumer,
                deliveries.stream().map(Delivery::messageId).distinct().toList());
        Set<String> taken = new HashSet<>();
        Map<String, List<Delivery>> byInvolvement = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            if (firstTime.contains(delivery.messageId()) && taken.add(delivery.messageId())) {
                byInvolvement.computeIfAbsent(delivery.involvementId(), id -> new ArrayList<>()).add(delivery);
            }
        }
        List<ChildInvolvementBatchRepository.Kept> kept = new ArrayList<>();
        List<InvolvementState> dropped = new ArrayList<>();
        List<Delivery> oneByOne = new ArrayList<>();
        for (List<Delivery> events : byInvolvement.values()) {
            if (events.stream().anyMatch(d -> d.state() == null)) {
                oneByOne.addAll(events);
                continue;
            }
            // The newest version wins and an older or repeated one changes nothing: only the first of the highest
            // version counts. An involvement is recorded when its first state worth keeping was.
            InvolvementState newest = null;
            Instant recordedAt = null;
            for (Delivery delivery : events) {
                InvolvementState state = delivery.state();
                if (newest == null || state.version() > newest.version()) {
                    newest = state;
                }
                if (recordedAt == null && state.worthKeeping()) {
                    recordedAt = state.occurredAt();
                }
            }
            if (newest.worthKeeping()) {
                kept.add(new ChildInvolvementBatchRepository.Kept(newest, recordedAt));
            } else {
                dropped.add(newest);
            }
        }
        involvements.store(kept);
        involvements.dropOlderThan(dropped);
        for (Delivery delivery : oneByOne) {
            if (delivery.state() == null) {
                referenceData.involvementRemoved(delivery.involvementId());
            } else {
                referenceData.involvementChanged(delivery.state());
            }
        }
    }
}
