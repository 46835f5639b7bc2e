package org.contactpoint.gateway.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.tracing.Tracing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One upstream service's requests passed through with the caller's own token, as {@link SelfServiceResource} passes
 * the page's self-service to involvement-service: the body, the purpose of use, {@code If-Match} and the answer
 * (status, problem document, {@code ETag}, {@code Retry-After}, a CSV's {@code Content-Disposition}) unchanged; 502 or
 * 504 problem+json when the service cannot be reached or does not answer in time. The upstream alone decides who may do
 * what, validates and audits.
 */
final class UpstreamPassThrough {

    /** The answer headers that go back to the page as they came. */
    private static final List<String> ANSWER_HEADERS = List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.ETAG,
            "Content-Disposition", "RateLimit", "RateLimit-Policy");

    /** A link relation {@code next} among a Link header's links. */
    private static final Pattern NEXT = Pattern.compile("rel=\"?next\"?([;,\\s]|$)");

    private final String service;
    private final URI base;
    private final Duration timeout;
    private final HttpClient client;
    private final Tracing tracing;

    UpstreamPassThrough(String service, URI base, Duration timeout, Tracing tracing) {
        this.service = service;
        this.tracing = tracing;
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * @param path     the upstream path and query, built only from checked values
     * @param purpose  the stated purpose of use (already checked), or null
     * @param ifMatch  the caller's {@code If-Match}, or null
     * @param body     the JSON body, or null for none
     */
    Response pass(String method, String path, String authorization, String purpose, String ifMatch, byte[] body,
                  String accept) {
        return answer(send(method, path, authorization, purpose, ifMatch, body, accept)).build();
    }

    /**
     * A page of one of the upstream's lists in the common style (the page's JSON array, {@code Link: <…>;
     * rel="next"} while more follow: docs/api.md, pagination), passed as {@link #pass} passes a GET; when the upstream
     * says another page follows, the answer says so with the gateway's own path for it, so the upstream's address
     * never reaches the page.
     *
     * @param path the upstream path and query of this page, built only from checked values
     * @param next the gateway's path and query of the next page, built only from checked values
     */
    Response passPage(String path, String authorization, String purpose, String next) {
        HttpResponse<byte[]> answer = send("GET", path, authorization, purpose, null, null,
                MediaType.APPLICATION_JSON);
        Response.ResponseBuilder response = answer(answer);
        boolean more = answer.statusCode() == 200 && answer.headers().allValues("Link").stream()
                .anyMatch(link -> NEXT.matcher(link).find());
        if (more) {
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    private HttpResponse<byte[]> send(String method, String path, String authorization, String purpose,
                                      String ifMatch, byte[] body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
        if (purpose != null) {
            request.header(PurposeOfUse.HEADER, purpose);
        }
        if (ifMatch != null && !ifMatch.isBlank()) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        // The request's trace goes on: the upstream's server span becomes a child of this request's span.
        tracing.inject(tracing.current(), request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ProblemException(504, "Gateway timeout", service + " did not answer in time; try again");
        } catch (IOException e) {
            Log.warnf("%s unreachable for %s %s: %s", service, method, path, e.toString());
            throw new ProblemException(502, "Bad gateway", service + " could not be reached; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "The request was interrupted; try again");
        }
    }

    /** The upstream's status, body and the {@link #ANSWER_HEADERS} it sent. */
    private static Response.ResponseBuilder answer(HttpResponse<byte[]> answer) {
        Response.ResponseBuilder response = Response.status(answer.statusCode())
                .entity(answer.body().length == 0 && answer.statusCode() == 204 ? null : answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(response::type);
        for (String header : ANSWER_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> response.header(header, value));
        }
        return response;
    }
}
