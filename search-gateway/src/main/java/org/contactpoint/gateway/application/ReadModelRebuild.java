package org.contactpoint.gateway.application;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.gateway.repository.ChildIndexRepository;
import org.contactpoint.gateway.repository.ChildRepository;
import org.contactpoint.support.audit.AuditEvents;
import org.contactpoint.support.audit.AuditTrail;

import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds the read model from the topics, from the beginning: identity first (so that, in targeted mode, a child's
 * involvements find the child), then involvements. It runs in one transaction under an exclusive advisory lock that
 * the live consumers share: readers keep seeing the old model until the new one commits, and live events wait.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final int REBUILD_TIMEOUT_SECONDS = 4 * 3600;

    /** What a rebuild did. */
    public record Report(long childEvents, long involvementEvents, long skippedInvalid, long children,
                         long involvements) {
    }

    private final ReadModelHistory history;
    private final ChildIndexRepository index;
    private final ChildRepository children;
    private final AuditTrail audit;
    private final AuditEvents events;

    public ReadModelRebuild(ReadModelHistory history, ChildIndexRepository index, ChildRepository children,
                            AuditTrail audit, AuditEvents events) {
        this.history = history;
        this.index = index;
        this.children = children;
        this.audit = audit;
        this.events = events;
    }

    public Report rebuild(Lookup requested) {
        return QuarkusTransaction.requiringNew().timeout(REBUILD_TIMEOUT_SECONDS).call(() -> {
            index.lockReadModel(true);
            index.clearReadModel();
            // The replay drops a duplicate message id just as the live inbox did, in rows of its own.
            String replayInbox = "search-gateway.rebuild-" + UUID.randomUUID();
            ReadModelHistory.Replayed childEvents = history.replayChildren(replayInbox);
            ReadModelHistory.Replayed involvementEvents = history.replayInvolvements(replayInbox);
            index.forgetInbox(replayInbox);
            children.flush();
            Report report = new Report(childEvents.events(), involvementEvents.events(),
                    childEvents.skippedInvalid() + involvementEvents.skippedInvalid(), children.count(),
                    index.count("involvement"));
            audit.record(events.by(requested.caller(), "REBUILD_READ_MODEL").purpose(requested.purpose().name())
                    .query(Map.of("childEvents", String.valueOf(report.childEvents()),
                            "involvementEvents", String.valueOf(report.involvementEvents())))
                    .build());
            Log.infof("Read model rebuilt: %s", report);
            return report;
        });
    }
}
