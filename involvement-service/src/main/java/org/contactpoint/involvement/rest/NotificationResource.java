package org.contactpoint.involvement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.involvement.application.NotificationService;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** The caller's own inbox: its organisation's notifications, or for the LA management team its authority's. */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;
    private final JsonWebToken token;

    public NotificationResource(NotificationService notifications, JsonWebToken token) {
        this.notifications = notifications;
        this.token = token;
    }

    @GET
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public RestResponse<List<NotificationView>> inbox(@QueryParam("page") String page,
                                                      @QueryParam("size") String size,
                                                      @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                                      @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        NotificationService.NotificationPage found = notifications.inbox(paging.page(), paging.size(),
                PurposeOfUse.required(purpose), Caller.from(token));
        return paging.response(new Paging.Slice<>(found.items().stream().map(NotificationView::of).toList(),
                found.more()), uri);
    }

    /** Where to push the organisation's notifications. */
    public record WebhookRequest(@NotBlank @Size(max = 2000) String url) {
    }

    /** The registered webhook and the secret its pushes are signed with, shown this once. */
    public record WebhookView(String url, String secret) {
    }

    @PUT
    @Path("/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT})
    public WebhookView registerWebhook(@NotNull @Valid WebhookRequest request) {
        return new WebhookView(request.url(), notifications.registerWebhook(request.url(), Caller.from(token)));
    }

    /** Marks one of the caller's own notifications as read; the first acknowledgement stands. */
    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.AGENCY_SYSTEM, Roles.CASE_MANAGEMENT, Roles.PRACTITIONER, Roles.LA_MANAGEMENT})
    public NotificationView acknowledge(@PathParam("id") String id) {
        return NotificationView.of(notifications.acknowledge(id, Caller.from(token)));
    }
}
