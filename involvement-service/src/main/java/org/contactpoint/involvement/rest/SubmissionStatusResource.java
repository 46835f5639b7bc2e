package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.involvement.application.SubmissionStatusService;
import org.contactpoint.involvement.domain.SubmissionRejection;
import org.contactpoint.involvement.domain.SubmissionStatus;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;

/**
 * An agency's answer about its own submissions, whichever way it sent them: where one stands, and the records it
 * sent that were refused (on its topic these are otherwise only on its dead-letter topic).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionStatusResource {

    private final SubmissionStatusService statuses;
    private final JsonWebToken token;

    public SubmissionStatusResource(SubmissionStatusService statuses, JsonWebToken token) {
        this.statuses = statuses;
        this.token = token;
    }

    /** Where a submission stands: {@code ACCEPTED}, {@code PARKED} (waiting for its child) or {@code REJECTED}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubmissionStatusView(String submissionId, String status, String involvementId, Instant at,
                                       String reason) {
        static SubmissionStatusView of(SubmissionStatus status) {
            return new SubmissionStatusView(status.submissionId(), status.state().name(),
                    status.involvementId() == null ? null : status.involvementId().toString(), status.at(),
                    status.reason());
        }
    }

    /** A refused record: its {@code submissionId} (absent when the payload could not be read) and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RejectedSubmissionView(String submissionId, String organisationCode, String reason,
                                         Instant rejectedAt) {
        static RejectedSubmissionView of(SubmissionRejection rejection) {
            return new RejectedSubmissionView(rejection.submissionId(), rejection.organisationCode(),
                    rejection.reason(), rejection.rejectedAt());
        }
    }

    @GET
    @Path("submissions/{submissionId}")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public SubmissionStatusView status(@PathParam("submissionId") String submissionId,
                                       @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        return SubmissionStatusView.of(statuses.status(submissionId, PurposeOfUse.required(purpose),
                Caller.from(token)));
    }

    @GET
    @Path("rejected-submissions")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public RestResponse<List<RejectedSubmissionView>> rejected(@QueryParam("page") String page,
                                                               @QueryParam("size") String size,
                                                               @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                                               @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        SubmissionStatusService.RejectionPage found = statuses.rejected(paging.page(), paging.size(),
                PurposeOfUse.required(purpose), Caller.from(token));
        return paging.response(new Paging.Slice<>(found.items().stream().map(RejectedSubmissionView::of).toList(),
                found.more()), uri);
    }
}
