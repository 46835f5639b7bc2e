package org.contactpoint.support.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.events.json.PlainText;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Applies {@link PlainText}'s rule to path and query parameters, once for every operation and before any of the
 * service's code: a NUL in a search parameter would otherwise reach a query and end as a 500. Refused with 400 naming
 * the parameter (its value is not echoed).
 */
public class PlainTextParameters {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response refuseUnstorableText(ContainerRequestContext request) {
        // A path that holds such text is not echoed back as the problem's instance.
        Response refusal = check(request.getUriInfo().getPathParameters(), null);
        return refusal != null ? refusal : check(request.getUriInfo().getQueryParameters(), request.getUriInfo());
    }

    private static Response check(MultivaluedMap<String, String> parameters, UriInfo instance) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String nameProblem = PlainText.problem(parameter.getKey());
            if (nameProblem != null) {
                return refuse("query", "a parameter's name " + nameProblem, instance);
            }
            for (String value : parameter.getValue()) {
                String problem = PlainText.problem(value);
                if (problem != null) {
                    return refuse(parameter.getKey(), problem, instance);
                }
            }
        }
        return null;
    }

    private static Response refuse(String name, String reason, UriInfo instance) {
        return ProblemMappers.respond(400, "Invalid request", name + ": " + reason, instance,
                List.of(new Problem.FieldError(name, reason)));
    }
}
