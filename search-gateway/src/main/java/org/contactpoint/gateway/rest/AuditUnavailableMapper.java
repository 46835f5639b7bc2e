package org.contactpoint.gateway.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.support.audit.AuditUnavailable;
import org.contactpoint.support.rest.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A lookup whose audit record the broker did not acknowledge is not answered: 503 problem+json with nothing of what
 * was found, and {@code Retry-After}, so the caller tries again once the audit trail is back.
 */
public class AuditUnavailableMapper {

    private static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response auditUnavailable(AuditUnavailable e, UriInfo uri) {
        Log.errorf("ALERT a lookup was refused because its audit record was not acknowledged: %s", e.getMessage());
        Problem problem = Problem.of(503, "Audit trail unavailable",
                "This lookup cannot be recorded in the audit trail just now, so it is not answered; try again shortly",
                uri.getPath(), null);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(problem).build();
    }
}
