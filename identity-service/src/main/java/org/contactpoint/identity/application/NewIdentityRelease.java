package org.contactpoint.identity.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchKeyRepository;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Publishes new identities apart from the identities they replace (issue 16, item 7). The old identity's {@code closed}
 * event goes out at once; the new one's {@code registered} only after a random hold, at a scheduled run together with
 * whatever else falls due then, in its own transaction and dated by that run: no consumer can pair the two by time,
 * offset or batch. Until then the new identity is neither on the topic nor in the blocking index.
 */
@ApplicationScoped
public class NewIdentityRelease {

    /** Who the release is audited as: the service itself (the team's request was audited under the old identity). */
    static final AuditEvent.Actor RELEASE = new AuditEvent.Actor("identity-service", "new identity release",
            List.of(), null, null, null);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Closed identities put back in the blocking index per run. */
    private static final int CLOSED_PER_RUN = 500;

    private final ChildRepository children;
    private final ChildStates states;
    private final MatchKeyRepository matchKeys;
    private final IdentityAudit audit;
    private final IdentityConfig config;
    private final Clock clock;

    public NewIdentityRelease(ChildRepository children, ChildStates states, MatchKeyRepository matchKeys,
                              IdentityAudit audit, IdentityConfig config, Clock clock) {
        this.children = children;
        this.states = states;
        this.matchKeys = matchKeys;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** When a new identity made at {@code now} is published: a random instant between the configured delays. */
    Instant releaseAt(Instant now) {
        Duration min = config.newIdentity().releaseDelayMin();
        Duration max = config.newIdentity().releaseDelayMax();
        long spread = Math.max(0, max.toMillis() - min.toMillis());
        return now.plus(min).plusMillis(spread == 0 ? 0 : RANDOM.nextLong(spread + 1));
    }

    @Scheduled(cron = "${contactpoint.identity.new-identity.release-cron}", identity = "new-identity-release",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int released = release(clock.instant());
        int indexed = indexClosedIdentities(CLOSED_PER_RUN);
        if (released > 0 || indexed > 0) {
            Log.infof("Published %d new identities; put %d closed identities back in the blocking index", released,
                    indexed);
        }
    }

    /**
     * Puts closed identities that are missing from the blocking index back in it, so that what resembles them goes
     * to the sealed review: before issue 16 a closed identity was taken out of the index. Returns how many.
     */
    @Transactional
    public int indexClosedIdentities(int limit) {
        List<Child> closed = children.closedWithoutMatchKeys(limit);
        for (Child child : closed) {
            matchKeys.index(child.id(), MatchKeys.of(ChildRecords.matchRecord(child)));
        }
        return closed.size();
    }

    /**
     * Publishes every new identity due by {@code now}, each once, in its state then, and the children merged into it
     * meanwhile (their {@code merged} events waited, as they name it); tests call this with the instant they need.
     */
    @Transactional
    public int release(Instant now) {
        List<Child> due = children.heldUntil(now);
        for (Child child : due) {
            child.released(now);
            states.publish(child, ChildChange.REGISTERED);
            for (Child merged : children.mergedInto(child.contactPointId())) {
                states.publish(merged, ChildChange.MERGED);
            }
            audit.success(RELEASE, "NEW_IDENTITY", IdentityAudit.query("contactPointId", child.contactPointId(),
                    "identity", "NEW"), List.of(child));
        }
        return due.size();
    }
}
