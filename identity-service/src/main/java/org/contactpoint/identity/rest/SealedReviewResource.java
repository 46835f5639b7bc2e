package org.contactpoint.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.identity.application.ReviewItem;
import org.contactpoint.identity.application.ReviewService;
import org.contactpoint.identity.application.SealedReviewService;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** Records that resemble a closed identity: the sealed-records team's queue, nobody else's, and its settlement. */
@Path("/sealed-review-items")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SEALED_RECORDS)
public class SealedReviewResource {

    private final ReviewService reviews;
    private final SealedReviewService settlements;
    private final JsonWebToken token;

    public SealedReviewResource(ReviewService reviews, SealedReviewService settlements, JsonWebToken token) {
        this.reviews = reviews;
        this.settlements = settlements;
        this.token = token;
    }

    @GET
    public RestResponse<List<ReviewItem>> pending(@QueryParam("page") String page, @QueryParam("size") String size,
                                                  @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                                  @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        ReviewService.Page<ReviewItem> items = reviews.sealedPending(paging.page(), paging.size(), stated,
                Caller.from(token));
        return paging.response(new Paging.Slice<>(items.items(), items.more()), uri);
    }

    /** The record is the child of this closed identity: kept with it, unpublished. */
    @POST
    @Path("/{id}/same-child")
    @Consumes(MediaType.APPLICATION_JSON)
    public SealedReviewService.Settlement sameChild(@PathParam("id") String id,
                                                    @NotNull @Valid LifecycleRequests.Accept closedIdentity) {
        return settlements.sameChild(Ids.uuid("id", id), closedIdentity.contactPointId(), Caller.from(token));
    }

    /** The record is not the child of the closed identities it resembled: matched again without them. */
    @POST
    @Path("/{id}/not-same-child")
    public SealedReviewService.Settlement notSameChild(@PathParam("id") String id) {
        return settlements.notSameChild(Ids.uuid("id", id), Caller.from(token));
    }
}
