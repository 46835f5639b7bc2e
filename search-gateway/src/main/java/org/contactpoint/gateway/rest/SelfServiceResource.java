package org.contactpoint.gateway.rest;

import io.quarkus.logging.Log;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.gateway.config.InvolvementServiceConfig;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.tracing.Tracing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * The practitioner page's self-service, passed through to involvement-service with the practitioner's own token:
 * record or end their own involvement with a child, ask for brokered contact with a hidden service, read and
 * acknowledge their organisation's notifications. Only these five requests pass, each to its one upstream path; the
 * body, the purpose of use and the answer (status, problem document, Retry-After) go through unchanged, so
 * involvement-service alone decides who may do what, validates and audits. Same origin as the page, so its
 * Content-Security-Policy needs no other host and no CORS. The roles here refuse early whom involvement-service would
 * refuse anyway.
 */
@Path("/self-service")
@Produces(MediaType.APPLICATION_JSON)
public class SelfServiceResource {

    private static final String ID = "[0-9a-fA-F-]{36}";

    private final InvolvementServiceConfig config;
    private final HttpClient client;
    private final Tracing tracing;

    public SelfServiceResource(InvolvementServiceConfig config, Tracing tracing) {
        this.config = config;
        this.tracing = tracing;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).build();
    }

    @POST
    @Path("/involvements")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRACTITIONER)
    public Response recordInvolvement(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return pass("POST", "/involvements", authorization, null, body);
    }

    @POST
    @Path("/involvements/{involvementId}/cease")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRACTITIONER)
    public Response endInvolvement(@PathParam("involvementId") @Pattern(regexp = ID) String involvementId,
                                   @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return pass("POST", "/involvements/" + involvementId + "/cease", authorization, null, body);
    }

    @POST
    @Path("/involvements/{involvementId}/brokering-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public Response requestBrokering(@PathParam("involvementId") @Pattern(regexp = ID) String involvementId,
                                     @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return pass("POST", "/involvements/" + involvementId + "/brokering-requests", authorization, null, body);
    }

    @GET
    @Path("/notifications")
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public Response notifications(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                  @QueryParam("page") String page, @QueryParam("size") String size) {
        // Checked here too, so that only a known purpose and plain numbers ever leave the gateway.
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        return pass("GET", "/notifications?page=" + paging.page() + "&size=" + paging.size(), authorization,
                stated.name(), null);
    }

    @POST
    @Path("/notifications/{notificationId}/acknowledgement")
    @RolesAllowed({Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public Response acknowledge(@PathParam("notificationId") @Pattern(regexp = ID) String notificationId,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return pass("POST", "/notifications/" + notificationId + "/acknowledgement", authorization, null, new byte[0]);
    }

    private Response pass(String method, String path, String authorization, String purpose, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url().resolve(path))
                .timeout(config.timeout())
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
        if (purpose != null) {
            request.header(PurposeOfUse.HEADER, purpose);
        }
        // The request's trace goes on: involvement-service's server span becomes a child of this request's span.
        tracing.inject(tracing.current(), request::header);
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ProblemException(504, "Gateway timeout", "involvement-service did not answer in time; try again");
        } catch (IOException e) {
            Log.warnf("involvement-service unreachable for %s %s: %s", method, path, e.toString());
            throw new ProblemException(502, "Bad gateway", "involvement-service could not be reached; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "The request was interrupted; try again");
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> response.type(type));
        answer.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(after -> response.header(HttpHeaders.RETRY_AFTER, after));
        return response.build();
    }
}
