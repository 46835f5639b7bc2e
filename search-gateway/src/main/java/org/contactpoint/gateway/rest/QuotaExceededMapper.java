package org.contactpoint.gateway.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.gateway.application.QuotaExceededException;
import org.contactpoint.support.rest.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A used-up quota is a 429 problem with {@code Retry-After} and the {@code RateLimit}/{@code RateLimit-Policy} fields,
 * so clients and the page know which quota and when to try again.
 */
public class QuotaExceededMapper {

    @ServerExceptionMapper
    public Response quotaExceeded(QuotaExceededException e, UriInfo uri) {
        Problem problem = new Problem("https://contactpoint.example/problems/too-many-lookups", "Too many lookups", 429,
                e.getMessage() + "; try again in " + e.retryAfterSeconds() + " seconds", uri.getPath(), null);
        Response.ResponseBuilder response = Response.status(429).type(Problem.MEDIA_TYPE)
                .header("Retry-After", e.retryAfterSeconds()).entity(problem);
        if (e.policy() != null) {
            // The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): which quota, its size and window, and
            // that none of it is left until the window resets.
            response.header("RateLimit-Policy", "\"" + e.policy() + "\";q=" + e.limit() + ";w=" + e.windowSeconds())
                    .header("RateLimit", "\"" + e.policy() + "\";r=0;t=" + e.retryAfterSeconds());
        }
        return response.build();
    }
}
