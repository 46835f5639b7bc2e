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
import org.contactpoint.identity.application.Registration;
import org.contactpoint.identity.application.ReviewItem;
import org.contactpoint.identity.application.ReviewService;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** The review queue of the local authority's management team. */
@Path("/review-items")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
public class ReviewResource {

    private final ReviewService reviews;
    private final JsonWebToken token;

    public ReviewResource(ReviewService reviews, JsonWebToken token) {
        this.reviews = reviews;
        this.token = token;
    }

    @GET
    public RestResponse<List<ReviewItem>> pending(@QueryParam("page") String page, @QueryParam("size") String size,
                                                  @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                                  @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        ReviewService.Page<ReviewItem> items = reviews.pending(paging.page(), paging.size(), stated,
                Caller.from(token));
        return paging.response(new Paging.Slice<>(items.items(), items.more()), uri);
    }

    @GET
    @Path("/{id}")
    public ReviewItem get(@PathParam("id") String id, @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        return reviews.get(Ids.uuid("id", id), stated, Caller.from(token));
    }

    @POST
    @Path("/{id}/accept")
    public Registration accept(@PathParam("id") String id, @NotNull @Valid LifecycleRequests.Accept accept) {
        return reviews.accept(Ids.uuid("id", id), accept.contactPointId(), Caller.from(token));
    }

    @POST
    @Path("/{id}/reject")
    public Registration reject(@PathParam("id") String id) {
        return reviews.reject(Ids.uuid("id", id), Caller.from(token));
    }
}
