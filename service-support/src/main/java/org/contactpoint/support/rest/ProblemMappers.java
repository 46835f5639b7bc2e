package org.contactpoint.support.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.events.json.JsonPaths;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.DomainException;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.Gone;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.domain.StaleVersion;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into {@code application/problem+json}: bad input names the field and the reason, security
 * failures say 401 or 403 without detail an attacker could use, and anything unexpected is a 500 with a reference
 * to the log line rather than a stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), uri, e.errors());
    }

    /** A use case's refusal: each kind has its one status, so every service answers the same refusal the same way. */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        if (e instanceof Rejected rejected) {
            return rejected.errors().isEmpty()
                    ? respond(400, "Bad request", e.getMessage(), uri, null)
                    : respond(400, "Invalid request", e.getMessage(), uri, fields(rejected.errors()));
        }
        if (e instanceof NotFound) {
            return respond(404, "Not found", e.getMessage(), uri, null);
        }
        if (e instanceof Forbidden) {
            return respond(403, "Forbidden", e.getMessage(), uri, null);
        }
        if (e instanceof Conflict conflict) {
            return respond(409, "Conflict", e.getMessage(), uri,
                    conflict.errors().isEmpty() ? null : fields(conflict.errors()));
        }
        if (e instanceof Gone) {
            return respond(410, "Gone", e.getMessage(), uri, null);
        }
        if (e instanceof StaleVersion) {
            return respond(412, "Precondition failed", e.getMessage(), uri, null);
        }
        throw new IllegalStateException("unmapped " + e.getClass().getName(), e);
    }

    private static List<Problem.FieldError> fields(List<Rejected.FieldError> errors) {
        return errors.stream().map(error -> new Problem.FieldError(error.field(), error.reason())).toList();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.reason()).collect(Collectors.joining("; "));
        return respond(400, "Invalid request", detail, uri, errors);
    }

    // Listed one by one: Quarkus has built-in mappers for some of these subtypes, and the closest type wins.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = JsonPaths.of(mapping);
            String reason = JsonPaths.reason(mapping);
            return respond(400, "Invalid request", field + ": " + reason, uri,
                    List.of(new Problem.FieldError(field, reason)));
        }
        return respond(400, "Malformed JSON", "The request body is not valid JSON", uri, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorised(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(401, "Unauthorized",
                        "A valid bearer token is required", uri, null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "Your role does not allow this request", uri, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        Response problem = respond(status, title, e.getMessage(), uri, null);
        if (status != 405 || uri == null) {
            return problem;
        }
        // A 405 says which methods the resource has (RFC 9110 15.5.6); Quarkus REST does not. Looked up, not
        // injected: services also build these mappers with new to answer batch items.
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow == null || allow.isBlank()) {
            allow = Arc.container().instance(AllowedMethods.class).get().on(uri.getPath());
        }
        return allow.isBlank() ? problem : Response.fromResponse(problem).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure %s on %s", reference, uri.getPath());
        return respond(500, "Internal error", "Something went wrong on our side; reference " + reference, uri, null);
    }

    static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem problem = Problem.of(status, title, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Method parameter paths look like "register.request.familyName": drop the method and parameter names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
