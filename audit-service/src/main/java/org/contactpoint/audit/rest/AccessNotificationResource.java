package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.contactpoint.audit.application.AccessNotifications;
import org.contactpoint.audit.domain.AccessNotification;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.rest.Superseded;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A local authority's inbox of access notifications: the recipient is the local authority the caller's token names. */
@Path("/access-notifications")
@Produces(MediaType.APPLICATION_JSON)
public class AccessNotificationResource {

    static final int MAX_PAGE_SIZE = 200;

    private final AccessNotifications notifications;
    private final JsonWebToken token;

    public AccessNotificationResource(AccessNotifications notifications, JsonWebToken token) {
        this.notifications = notifications;
        this.token = token;
    }

    /** One notification as its recipient reads it. */
    public record View(UUID notificationId, String contactPointId, List<String> vulnerabilities, Instant viewedAt,
                       Viewer viewer, String purpose, String breakGlassReason, long recordSequence,
                       Instant acknowledgedAt, String acknowledgedBy) {
    }

    public record Viewer(String userId, String name, String organisation, String organisationCode,
                         String localAuthority) {
    }

    public record Page(List<View> notifications, int page, int size, long totalNotifications, int totalPages) {
    }

    /** v1: an envelope with totals. Superseded by {@code /v2/access-notifications} (a page as a plain array). */
    @GET
    @RolesAllowed(Roles.LA_MANAGEMENT)
    @Deprecated
    @Superseded(by = "/v2/access-notifications", since = V1Lists.SINCE, sunset = V1Lists.SUNSET)
    public Page inbox(@HeaderParam(PurposeOfUse.HEADER) String purpose, @QueryParam("page") String page,
                      @QueryParam("size") String size) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        AccessNotifications.InboxPage found = notifications.inbox(Caller.from(token), stated,
                QueryParameters.integer("page", page, 0, 0, 100_000),
                QueryParameters.integer("size", size, 50, 1, MAX_PAGE_SIZE));
        return new Page(found.notifications().stream().map(AccessNotificationResource::view).toList(), found.page(),
                found.size(), found.totalNotifications(), found.totalPages());
    }

    @POST
    @Path("{id}/acknowledgement")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public void acknowledge(@HeaderParam(PurposeOfUse.HEADER) String purpose, @PathParam("id") String id) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        if (!notifications.acknowledge(Caller.from(token), stated, notificationId(id))) {
            throw new NotFound("No such access notification in your local authority's inbox");
        }
    }

    private static UUID notificationId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "must be a notification id (a UUID)");
        }
    }

    static View view(AccessNotification n) {
        AccessNotification.Viewer v = n.viewer();
        return new View(n.notificationId(), n.childId(), n.vulnerabilities(), n.viewedAt(),
                new Viewer(v.userId(), v.name(), v.organisation(), v.organisationCode(), v.localAuthority()),
                n.purpose(), n.breakGlassReason(), n.recordSequence(), n.acknowledgedAt(), n.acknowledgedBy());
    }
}
