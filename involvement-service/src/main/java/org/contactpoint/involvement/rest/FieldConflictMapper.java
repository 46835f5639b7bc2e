package org.contactpoint.involvement.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.involvement.domain.FieldConflict;
import org.contactpoint.support.rest.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A submission that clashes with what is held on one field: 409, naming the field in {@code errors}. */
public class FieldConflictMapper {

    @ServerExceptionMapper
    public Response conflict(FieldConflict e, UriInfo uri) {
        Problem problem = problem(e, uri == null ? null : uri.getPath());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Problem problem(FieldConflict e, String instance) {
        return Problem.of(409, "Conflict", e.getMessage(), instance,
                List.of(new Problem.FieldError(e.field(), e.reason())));
    }
}
