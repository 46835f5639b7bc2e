package org.contactpoint.support.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts every refused request of a signed-in caller in the audit trail: a 403 as {@code DENIED}, any other 4xx as
 * {@code REJECTED}. Attempts are what misuse detection looks for, and the request's own transaction has rolled back,
 * so the record is written in a new one. A request the service already audited as denied (with its own action and
 * children) is not recorded twice. 401s carry no identity to record; the HTTP layer's size refusals never reach here.
 * Off unless {@code contactpoint.audit.record-refusals} is true.
 */
@ApplicationScoped
public class RefusalAudit {

    private static final int MAX_TEXT = 200;
    private static final int MAX_PARAMETERS = 20;

    private final AuditTrail trail;
    private final AuditConfig auditConfig;
    private final AuditEvents events;

    public RefusalAudit(AuditTrail trail, AuditConfig auditConfig, AuditEvents events) {
        this.trail = trail;
        this.auditConfig = auditConfig;
        this.events = events;
    }

    /** Says that this request's refusal is already in the trail, recorded by the service with more detail. */
    public static void recordedByService() {
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(AlreadyRecorded.class).get().mark();
        }
    }

    @ServerResponseFilter
    public void recordRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (!auditConfig.recordRefusals() || status < 400 || status >= 500 || status == 401) {
            return;
        }
        Principal principal;
        try {
            principal = request.getSecurityContext().getUserPrincipal();
        } catch (RuntimeException notYetAuthenticated) {
            // e.g. a path no resource matched, refused on the event loop before the token was ever checked
            return;
        }
        if (!(principal instanceof JsonWebToken token) || alreadyRecorded()) {
            return;
        }
        AuditEvent event = event(Caller.from(token), request, status);
        if (Context.isOnEventLoopThread()) {
            // Refused before the request left the event loop (e.g. a role check): write it off that thread.
            Infrastructure.getDefaultWorkerPool().execute(() -> write(event));
        } else {
            write(event);
        }
    }

    private void write(AuditEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> trail.record(event));
        } catch (RuntimeException e) {
            // The refusal stands either way; a lost refusal record must not turn a 4xx into a 500.
            Log.errorf(e, "ALERT the refusal of %s by %s could not be audited", event.action(),
                    event.actor().userId());
        }
    }

    private AuditEvent event(Caller caller, ContainerRequestContext request, int status) {
        String path = clip(request.getUriInfo().getPath());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", String.valueOf(status));
        if (request.getProperty(org.contactpoint.support.accounts.SuspendedAccountFilter.REFUSED_PROPERTY) != null) {
            query.put("refused", "account suspended");
        }
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (query.size() <= MAX_PARAMETERS && !values.isEmpty()) {
                query.put(clip(name), clip(values.get(0)));
            }
        });
        List<String> childIds = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (ContactPointIds.isValid(segment)) {
                childIds.add(segment);
            }
        }
        String purpose = request.getHeaderString("X-Purpose-Of-Use");
        return events.by(caller, request.getMethod() + " " + path)
                .outcome(status == 403 ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.REJECTED)
                .purpose(purpose == null ? null : clip(purpose)).query(query).children(childIds).resultCount(0)
                .build();
    }

    private static boolean alreadyRecorded() {
        return Arc.container().requestContext().isActive()
                && Arc.container().instance(AlreadyRecorded.class).get().isMarked();
    }

    /** Printable and short: these values come from whoever sent the request. */
    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > MAX_TEXT ? printable.substring(0, MAX_TEXT) + "…" : printable;
    }

    /** Whether the service has already audited this request's refusal (methods, not a field: it is proxied). */
    @RequestScoped
    @Unremovable
    static class AlreadyRecorded {
        private boolean marked;

        void mark() {
            marked = true;
        }

        boolean isMarked() {
            return marked;
        }
    }
}
