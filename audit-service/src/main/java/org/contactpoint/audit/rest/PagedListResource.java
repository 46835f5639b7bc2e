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
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * audit-service's lists in the common style (docs/api.md, pagination): {@code page} (from 0) and {@code size}
 * (1–200, default 50), the page as a plain JSON array, {@code Link: <…>; rel="next"} while more follow. The same roles,
 * filters and chained reads as the v1 envelopes they supersede; no totals (nothing is counted that is not shown).
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class PagedListResource {

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

    /** The records matching the filters, newest first. */
    @GET
    @Path("audit-records")
    @RolesAllowed(Roles.AUDITOR)
    public RestResponse<List<AuditRecordView>> auditRecords(
            @HeaderParam(PurposeOfUse.HEADER) String purposeHeader, @QueryParam("childId") String childId,
            @QueryParam("userId") String userId, @QueryParam("organisation") String organisation,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("purpose") String purpose,
            @QueryParam("action") String action, @QueryParam("page") String page, @QueryParam("size") String size,
            @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purposeHeader);
        var query = AuditRecordResource.query(childId, userId, organisation, from, to, purpose, action);
        Paging paging = Paging.of(page, size);
        AuditQueryService.RecordSlice found = queries.searchPage(query, paging.page(), paging.size(),
                Caller.from(token), stated);
        return paging.response(new Paging.Slice<>(found.records().stream().map(AuditRecordResource::view).toList(),
                found.more()), uri);
    }

    /** The inbox of the local authority the caller's token names, newest first. */
    @GET
    @Path("access-notifications")
    @RolesAllowed(Roles.LA_MANAGEMENT)
    public RestResponse<List<AccessNotificationResource.View>> accessNotifications(
            @HeaderParam(PurposeOfUse.HEADER) String purpose, @QueryParam("page") String page,
            @QueryParam("size") String size, @Context UriInfo uri) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        AccessNotifications.InboxSlice found = notifications.inboxPage(Caller.from(token), stated, paging.page(),
                paging.size());
        return paging.response(new Paging.Slice<>(found.notifications().stream()
                .map(AccessNotificationResource::view).toList(), found.more()), uri);
    }

    /** The accounts the caller's local authority administers, by username; each with its {@code version}. */
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

    /** The caller's local authority's misuse investigations, newest first; open ones only unless includeClosed. */
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
