package org.contactpoint.identity.application;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.messaging.out.ChildPublisher;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchDecisionRepository;
import org.contactpoint.identity.repository.SourceIdentifierRepository;
import org.contactpoint.support.scheduling.SingleReplica;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Retention: a record is archived on the child's 18th birthday (25th when extended), or a year after death; an
 * archived record is purged six years later. Purging deletes everything held about the child and publishes a
 * tombstone so every downstream store and the compacted topic forget the child too.
 */
@ApplicationScoped
public class RetentionService {

    /** Only one replica runs the job at a time. */
    private static final long LOCK_KEY = 0x1D_E7_A7_10L;

    private final ChildRepository children;
    private final SourceIdentifierRepository identifiers;
    private final MatchDecisionRepository decisions;
    private final ChildStates states;
    private final ChildPublisher publisher;
    private final SingleReplica singleReplica;
    private final IdentityConfig config;
    private final Clock clock;

    public RetentionService(ChildRepository children, SourceIdentifierRepository identifiers,
                            MatchDecisionRepository decisions, ChildStates states, ChildPublisher publisher,
                            SingleReplica singleReplica, IdentityConfig config, Clock clock) {
        this.children = children;
        this.identifiers = identifiers;
        this.decisions = decisions;
        this.states = states;
        this.publisher = publisher;
        this.singleReplica = singleReplica;
        this.config = config;
        this.clock = clock;
    }

    public record Result(int archived, int purged) {
    }

    @Scheduled(cron = "${contactpoint.identity.retention.cron}", identity = "retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Result result = run(LocalDate.now(clock));
        Log.infof("Retention: archived %d, purged %d", result.archived(), result.purged());
    }

    /** Applies retention as of {@code today}; tests call this with the day they need. */
    @Transactional
    public Result run(LocalDate today) {
        if (!singleReplica.leads(LOCK_KEY)) {
            return new Result(0, 0);
        }
        int archived = 0;
        int purged = 0;
        // Nobody is retained beyond 25, so nobody younger than 18 needs looking at.
        for (Child child : children.bornBy(ChildStatus.ACTIVE, today.minusYears(18))) {
            if (!child.dateOfBirth().plusYears(child.retainUntilAge()).isAfter(today)) {
                archive(child, today);
                archived++;
            }
        }
        for (Child child : children.diedBy(today.minusYears(config.retention().archiveAfterDeathYears()))) {
            archive(child, today);
            archived++;
        }
        int purgeAfter = config.retention().purgeAfterYears();
        for (Child child : children.archivedBy(today.minusYears(purgeAfter))) {
            purge(child);
            purged++;
        }
        // Closed identities follow the same clock as if they had been archived at their retention age.
        for (Child child : children.bornBy(ChildStatus.CLOSED, today.minusYears(18 + purgeAfter))) {
            if (!child.dateOfBirth().plusYears(child.retainUntilAge() + purgeAfter).isAfter(today)) {
                purge(child);
                purged++;
            }
        }
        return new Result(archived, purged);
    }

    private void archive(Child child, LocalDate today) {
        child.archive(today);
        child.changed(clock.instant());
        states.publish(child, ChildChange.ARCHIVED);
    }

    /** Deletes the child, the children merged into it, and everything held about them; publishes tombstones. */
    private void purge(Child child) {
        List<Child> mergedIntoIt = children.mergedInto(child.contactPointId());
        for (Child merged : mergedIntoIt) {
            purge(merged);
        }
        identifiers.deleteForChild(child.id());
        decisions.deleteForChild(child.id());
        children.delete(child);
        children.flush();
        children.retire(child.contactPointId(), clock.instant());
        if (!child.isHeld()) {
            // A held new identity was never published: a tombstone would announce it.
            publisher.purged(child.contactPointId());
        }
    }
}
