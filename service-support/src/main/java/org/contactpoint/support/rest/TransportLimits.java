package org.contactpoint.support.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Refuses a request line, headers or a declared body that are too large with an RFC 9457 problem, like every other
 * refusal. Vert.x's own limits answer a bare 414/431 before any route runs, so they are set above these
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}); Quarkus's body limit route answers a
 * bare 413, so this one runs just ahead of it. A body sent without a length (chunked) is read here, up to the limit,
 * and handed on whole; Quarkus would otherwise cut it off mid-read with a bare 413 that no mapper can turn into a
 * problem.
 */
@ApplicationScoped
public class TransportLimits {

    /** How much of a refused body is read and dropped, as a multiple of the limit, before the connection is cut. */
    private static final int DRAIN_FACTOR = 4;

    private final TransportLimitsConfig config;
    private final long maxBodyBytes;
    /** The limit of an ordinary request: {@code contactpoint.http.max-body-size}, or Quarkus's own. */
    private final long regularBodyBytes;
    private final ObjectMapper objectMapper;

    public TransportLimits(TransportLimitsConfig config,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
                           MemorySize maxBodySize, ObjectMapper objectMapper) {
        this.config = config;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.regularBodyBytes = config.maxBodySize().map(MemorySize::asLongValue).orElse(maxBodyBytes);
        this.objectMapper = objectMapper;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > config.maxUriLength()) {
            refuse(context, 414, "URI too long",
                    "The request's path and query are longer than " + config.maxUriLength() + " characters", false);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > config.maxHeaderBytes()) {
            refuse(context, 431, "Request header fields too large",
                    "The request's headers are larger than " + config.maxHeaderBytes() + " bytes", false);
            return;
        }
        boolean bulk = isBulk(request.path());
        long limit = bulk ? maxBodyBytes : regularBodyBytes;
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(context, 400, "Invalid request", "Content-Length is not a number", true);
                return;
            }
            if (declared > limit) {
                // The body is not read, so the connection cannot be reused: close it after the answer.
                refuse(context, 413, "Content too large",
                        "The request body is larger than " + limit + " bytes", true);
                return;
            }
        } else if (!bulk && request.headers().contains(HttpHeaders.TRANSFER_ENCODING) && !request.isEnded()) {
            readWithinLimit(context, limit);
            return;
        }
        context.next();
    }

    /**
     * Reads a body of unknown length into the routing context (where Quarkus REST takes it from), refusing it with a
     * problem as soon as it passes the limit. The rest of a refused body is read and dropped, up to a bound, so that
     * the client, still sending, receives the answer instead of a reset connection; then the connection is closed.
     */
    private boolean isBulk(String path) {
        return path != null && config.bulkPaths().map(paths -> paths.stream().anyMatch(path::startsWith))
                .orElse(false);
    }

    private void readWithinLimit(RoutingContext context, long maxBodyBytes) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        long[] received = {0};
        boolean[] refused = {false};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (refused[0]) {
                if (received[0] > DRAIN_FACTOR * maxBodyBytes) {
                    request.connection().close();
                }
                return;
            }
            if (received[0] > maxBodyBytes) {
                refused[0] = true;
                refuse(context, 413, "Content too large",
                        "The request body is larger than " + maxBodyBytes + " bytes", false);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (refused[0]) {
                request.connection().close();
            } else {
                context.setBody(body);
                context.next();
            }
        });
        request.exceptionHandler(failure -> {
            if (!refused[0] && !context.response().ended()) {
                context.fail(400, failure);
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext context, int status, String title, String detail, boolean close) {
        String path = context.request().path();
        // A path that was itself the problem is not echoed back.
        String instance = status == 414 || path == null ? null : path;
        String body;
        try {
            body = objectMapper.writeValueAsString(Problem.of(status, title, detail, instance, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document could not be written", e);
        }
        var response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(done -> context.request().connection().close());
        }
        response.end(body);
    }
}
