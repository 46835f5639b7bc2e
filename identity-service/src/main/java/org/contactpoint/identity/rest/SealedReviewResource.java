package org.contactpoint.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.identity.application.ReviewItem;
import org.contactpoint.identity.application.ReviewService;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** Records that resemble a closed identity: the sealed-records team's queue, nobody else's. */
@Path("/sealed-review-items")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SEALED_RECORDS)
public class SealedReviewResource {

    private final ReviewService reviews;
    private final JsonWebToken token;

    public SealedReviewResource(ReviewService reviews, JsonWebToken token) {
        this.reviews = reviews;
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
}
