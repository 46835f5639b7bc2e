package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.audit.application.AccessNotifications;
import org.contactpoint.audit.application.Accounts;
import org.contactpoint.audit.application.AuditQueryService;
import org.contactpoint.audit.application.Investigations;
import org.contactpoint.audit.application.RecordPage;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * audit-service's lists in the one paging style of every API (docs/api.md): {@code page} and {@code size}, the page's
 * items as a plain JSON array, {@code Link: <…>; rel="next"} while more follow. The v1 lists answered in envelopes of
 * their own; they stay, deprecated, until {@link #V1_SUNSET}.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class PagedListResource {

    /** The day the v2 lists were announced to the integrators, and the v1 envelopes deprecated. */
    static final String V2_ANNOUNCED = "2026-12-07";
    /** Twelve months after the announcement, as the deprecation policy requires at least. */
    static final String V1_SUNSET = "2027-12-07";

    private final AuditQueryService queries;
    private final AccessNotifications notifications;
    private final Accounts accounts;
    private final Investigations investigations;
    private final JsonWebToken token;

    public PagedListResource(AuditQueryService queries, AccessNotifications notifications, Accounts accounts,
                             Investigations investigations, JsonWebToken token) {
        this.queries = queries;
        this.notifications = notifications;
        this.accounts = accounts;
        this.investigations = investigations;
        this.token = token;
    }

    @GET
    @Path("audit-records")
    @RolesAllowed(Roles.AUDITOR)
    public RestResponse<List<AuditRecordView>> auditRecords(@HeaderParam(PurposeOfUse.HEADER) String purposeHeader,
                                                            @QueryParam("childId") String childId,
                                                            @QueryParam("userId") String userId,
                                                            @QueryParam("organisation") String organisation,
                                                            @QueryParam("from") String from,
                                                            @QueryParam("to") String to,
                                                            @QueryParam("purpose") String purpose,
                                                            @QueryParam("action") String action,
                                                            @QueryParam("page") String page,
                                                            @QueryParam("size") String size, @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purposeHeader);
        Paging paging = Paging.of(page, size);
        RecordPage found = queries.search(AuditRecordResource.query(childId, userId, organisation, from, to, purpose,
                action), paging.page(), paging.size(), Caller.from(token), stated);
        return paging.response(new Paging.Slice<>(found.records().stream().map(AuditRecordResource::view).toList(),
                found.page() + 1 < found.totalPages()), uri);
    }

    @GET
    @Path("access-notifications")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public RestResponse<List<AccessNotificationResource.View>> accessNotifications(
            @HeaderParam(PurposeOfUse.HEADER) String purpose, @QueryParam("page") String page,
            @QueryParam("size") String size, @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        AccessNotifications.InboxPage found = notifications.inbox(Caller.from(token), stated, paging.page(),
                paging.size());
        return paging.response(new Paging.Slice<>(found.notifications().stream()
                .map(AccessNotificationResource::view).toList(), found.page() + 1 < found.totalPages()), uri);
    }

    @GET
    @Path("accounts")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public RestResponse<List<AccountResource.View>> accounts(@QueryParam("page") String page,
                                                             @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        Accounts.AccountPage found = accounts.list(Caller.from(token), paging.offset(), paging.size());
        return paging.response(new Paging.Slice<>(found.accounts().stream().map(AccountResource::view).toList(),
                found.more()), uri);
    }

    @GET
    @Path("investigations")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public RestResponse<List<InvestigationResource.View>> investigations(
            @QueryParam("includeClosed") boolean includeClosed, @QueryParam("page") String page,
            @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        Investigations.InvestigationPage found = investigations.inbox(Caller.from(token), includeClosed,
                paging.offset(), paging.size());
        return paging.response(new Paging.Slice<>(found.investigations().stream()
                .map(InvestigationResource::view).toList(), found.more()), uri);
    }
}
