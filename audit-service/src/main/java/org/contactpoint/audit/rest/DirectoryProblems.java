package org.contactpoint.audit.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.audit.domain.DirectoryUnavailable;
import org.contactpoint.support.rest.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The identity provider's directory is down: 503, try again; the detail stays in the log. */
public class DirectoryProblems {

    @ServerExceptionMapper
    public Response unavailable(DirectoryUnavailable e, UriInfo uri) {
        io.quarkus.logging.Log.errorf("Account directory unavailable: %s", e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "30")
                .entity(Problem.of(503, "Identity provider unavailable",
                        "The identity provider could not be reached; try again later",
                        uri.getPath(), null))
                .build();
    }
}
