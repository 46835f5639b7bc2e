package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.messaging.out.InvolvementPublisher;
import org.contactpoint.involvement.repository.InvolvementRepository;

import java.util.List;

/**
 * Publishes the involvements queued in {@code involvement_republish} again, in their current state: those stored
 * before involvement.involvements.v2 existed, so that a consumer reading it from the beginning has them all.
 */
@ApplicationScoped
public class Republishing {

    private final InvolvementRepository involvements;
    private final InvolvementPublisher publisher;

    public Republishing(InvolvementRepository involvements, InvolvementPublisher publisher) {
        this.involvements = involvements;
        this.publisher = publisher;
    }

    /** One batch in one transaction (one multi-row outbox statement); returns how many, 0 once the queue is empty. */
    @Transactional
    public int next(int batch) {
        List<Involvement> current = involvements.takeForRepublishing(batch);
        if (!current.isEmpty()) {
            publisher.republished(current);
        }
        return current.size();
    }
}
