package org.contactpoint.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.contactpoint.audit.application.Accounts;
import org.contactpoint.audit.domain.Account;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.support.domain.Versioned;
import org.contactpoint.support.rest.EntityTags;
import org.contactpoint.support.rest.Superseded;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;

/**
 * A local authority's team administering its own staff's and partner organisations' accounts (the token's {@code la}
 * scopes every call). A suspension or closure takes effect on the account's next request in every service.
 */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.LA_MANAGEMENT)
public class AccountResource {

    static final int MAX_PAGE_SIZE = 200;

    private final Accounts accounts;
    private final JsonWebToken token;

    public AccountResource(Accounts accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    /** A new account; {@code organisationCode} absent means the authority's own (the caller's organisation). */
    public record NewAccount(String username, String name, String email, String organisationCode, List<String> roles) {
    }

    public record Reason(String reason) {
    }

    /** An account; {@code version} is what a change sends back, quoted, in {@code If-Match} (also its ETag). */
    public record View(String userId, String username, String name, String localAuthority, String organisationCode,
                       String organisation, List<String> roles, String status, String statusReason,
                       String createdBy, Instant createdAt, Instant changedAt, long version) implements Versioned {

        @Override
        public Long entityVersion() {
            return version;
        }
    }

    public record Page(List<View> accounts, int page, int size, boolean more) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewAccount request, @Context UriInfo uri) {
        if (request == null) {
            throw org.contactpoint.support.rest.ProblemException.badRequest("A new account is required");
        }
        Account created = accounts.create(Caller.from(token), new Accounts.NewAccount(request.username(),
                request.name(), request.email(), request.organisationCode(), request.roles()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.userId()).build()).entity(view(created))
                .build();
    }

    /** v1: an envelope. Superseded by {@code /v2/accounts} (a page as a plain array). */
    @GET
    @Deprecated
    @Superseded(by = "/v2/accounts", since = V1Lists.SINCE, sunset = V1Lists.SUNSET)
    public Page list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int number = QueryParameters.integer("page", page, 0, 0, 100_000);
        int perPage = QueryParameters.integer("size", size, 50, 1, MAX_PAGE_SIZE);
        Accounts.AccountPage found = accounts.list(Caller.from(token), number * perPage, perPage);
        return new Page(found.accounts().stream().map(AccountResource::view).toList(), number, perPage, found.more());
    }

    @GET
    @Path("{userId}")
    public View get(@PathParam("userId") String userId) {
        return view(accounts.get(Caller.from(token), userId));
    }

    @POST
    @Path("{userId}/suspension")
    @Consumes(MediaType.APPLICATION_JSON)
    public View suspend(@PathParam("userId") String userId, @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                        Reason reason) {
        return view(accounts.suspend(Caller.from(token), userId, reason == null ? null : reason.reason(),
                EntityTags.ifMatch(ifMatch)));
    }

    @DELETE
    @Path("{userId}/suspension")
    public View reinstate(@PathParam("userId") String userId, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return view(accounts.reinstate(Caller.from(token), userId, EntityTags.ifMatch(ifMatch)));
    }

    @POST
    @Path("{userId}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    public View close(@PathParam("userId") String userId, @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                      Reason reason) {
        return view(accounts.close(Caller.from(token), userId, reason == null ? null : reason.reason(),
                EntityTags.ifMatch(ifMatch)));
    }

    static View view(Account a) {
        return new View(a.userId(), a.username(), a.name(), a.localAuthority(), a.organisationCode(),
                a.organisation(), a.roles(), a.status().name(), a.statusReason(), a.createdBy(), a.createdAt(),
                a.changedAt(), a.version());
    }
}
