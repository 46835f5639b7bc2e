package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.involvement.repository.KnownChildRepository;

import java.time.Duration;

/**
 * Identity's event about a newly registered child reaches this service a moment after identity-service answered the
 * registration. A system that registers a child and submits an involvement straight away would otherwise almost
 * always be parked; a REST submission for a child not known yet first waits this short while for it to arrive.
 * Holds no transaction or lock while waiting, so the consumer can apply the child's event meanwhile.
 */
@ApplicationScoped
public class ChildArrival {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KnownChildRepository children;
    private final InvolvementConfig config;

    public ChildArrival(KnownChildRepository children, InvolvementConfig config) {
        this.children = children;
        this.config = config;
    }

    /** Returns when the named child is known, or the grace period is over; never fails. */
    public void awaitChild(SubmitInvolvement request) {
        Duration grace = config.unknownChildGrace();
        if (grace.isZero() || grace.isNegative()) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!known(request) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean known(SubmitInvolvement request) {
        if (request.contactPointId() != null) {
            // A malformed ID is refused by the submission itself, at once.
            return !ContactPointIds.isValid(request.contactPointId())
                    || children.count("contactPointId", request.contactPointId()) > 0;
        }
        if (request.sourceIdentifier() == null) {
            return true;
        }
        return !children.byIdentifier(request.sourceIdentifier().scheme(), request.sourceIdentifier().value(),
                request.sourceIdentifier().source())
                .isEmpty();
    }
}
