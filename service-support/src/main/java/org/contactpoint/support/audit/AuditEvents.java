package org.contactpoint.support.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.messaging.MessagingConfig;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.UUID;

/**
 * The one way a service starts an audit event: a new id, the service's clock, its name and the caller, then the
 * builder names the rest ({@code audit.record(events.by(caller, "VIEW_RECORD").child(id).purpose(p).build())}).
 */
@ApplicationScoped
public class AuditEvents {

    private final MessagingConfig messaging;
    private final Clock clock;

    public AuditEvents(MessagingConfig messaging, Clock clock) {
        this.messaging = messaging;
        this.clock = clock;
    }

    /** An access by a signed-in caller. */
    public AuditEvent.Builder by(Caller caller, String action) {
        return by(caller.toActor(), action);
    }

    /** An access by an actor who is not a token's caller (a feed system, a scheduled job, a demo sign-in). */
    public AuditEvent.Builder by(AuditEvent.Actor actor, String action) {
        return AuditEvent.builder(UUID.randomUUID().toString(), clock.instant(), messaging.serviceName(), actor)
                .action(action);
    }
}
