package org.contactpoint.identity.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.identity.application.ChildLifecycleService;
import org.contactpoint.identity.application.ChildView;
import org.contactpoint.identity.application.MatchingService;
import org.contactpoint.identity.application.Registration;
import org.contactpoint.identity.application.Submitter;
import org.contactpoint.identity.domain.SealedLink;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Versioned;
import org.contactpoint.support.rest.EntityTags;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;

/** Registration by case-management and source systems; the record and its lifecycle for the management team. */
@Path("/children")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChildResource {

    private final MatchingService matching;
    private final ChildLifecycleService lifecycle;
    private final JsonWebToken token;

    public ChildResource(MatchingService matching, ChildLifecycleService lifecycle, JsonWebToken token) {
        this.matching = matching;
        this.lifecycle = lifecycle;
        this.token = token;
    }

    /**
     * 201 CREATED, 200 LINKED, 202 REVIEW (waiting in the review queue, no ID yet) or 202 ACCEPTED_PENDING (it found a
     * shielded child: nothing more is said).
     */
    @APIResponse(responseCode = "201", description = "A new child: CREATED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "Matched a child already known: LINKED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)))
    @APIResponse(responseCode = "202", description = "REVIEW (in the review queue, no ID yet) or ACCEPTED_PENDING",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)))
    @POST
    @RolesAllowed({Roles.FEED_SYSTEM, Roles.CASE_MANAGEMENT})
    public Response register(@NotNull @Valid RegisterChildRequest request) {
        Registration response = matching.submit(request.toCommand(), Submitter.caller(caller()), "REGISTER_CHILD");
        return created(Response.status(status(response)), response).entity(response).build();
    }

    @GET
    @Path("/{contactPointId}")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR, Roles.SEALED_RECORDS})
    public ChildView get(@PathParam("contactPointId") String contactPointId,
                         @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        return lifecycle.view(contactPointId, PurposeOfUse.required(purpose), caller());
    }

    @APIResponse(responseCode = "200", description = "The full record for the management team and administrators; the ID and version for systems",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ChildView.class, ChangeReceipt.class})))
    @PATCH
    @Path("/{contactPointId}")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR, Roles.CASE_MANAGEMENT})
    public Object update(@PathParam("contactPointId") String contactPointId,
                         @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                         @NotNull @Valid LifecycleRequests.UpdateChild change) {
        Caller caller = caller();
        return forCaller(lifecycle.update(contactPointId, change.toCommand(), caller, EntityTags.ifMatch(ifMatch)),
                caller);
    }

    @PUT
    @Path("/{contactPointId}/shield")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
    public ChildView shield(@PathParam("contactPointId") String contactPointId,
                            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                            @NotNull @Valid LifecycleRequests.Shield shield) {
        return lifecycle.shield(contactPointId, shield.reason(), shield.reviewDate(), caller(),
                EntityTags.ifMatch(ifMatch));
    }

    @DELETE
    @Path("/{contactPointId}/shield")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
    public ChildView liftShield(@PathParam("contactPointId") String contactPointId,
                                @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                @NotNull @Valid LifecycleRequests.Reason reason) {
        return lifecycle.liftShield(contactPointId, reason.reason(), caller(), EntityTags.ifMatch(ifMatch));
    }

    @APIResponse(responseCode = "200", description = "The full record for the management team and administrators; the ID and version for systems",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ChildView.class, ChangeReceipt.class})))
    @PUT
    @Path("/{contactPointId}/vulnerabilities")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR, Roles.FEED_SYSTEM})
    public Object vulnerabilities(@PathParam("contactPointId") String contactPointId,
                                  @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                  @NotNull @Valid LifecycleRequests.Vulnerabilities flags) {
        Caller caller = caller();
        return forCaller(lifecycle.vulnerabilities(contactPointId, flags.vulnerabilities(), caller,
                EntityTags.ifMatch(ifMatch)), caller);
    }

    @POST
    @Path("/{contactPointId}/moves")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
    public ChildView move(@PathParam("contactPointId") String contactPointId,
                          @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                          @NotNull @Valid LifecycleRequests.Move move) {
        return lifecycle.move(contactPointId, move.localAuthority(), caller(), EntityTags.ifMatch(ifMatch));
    }

    @APIResponse(responseCode = "200", description = "The full record for the management team and administrators; the ID and version for systems",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ChildView.class, ChangeReceipt.class})))
    @PUT
    @Path("/{contactPointId}/death")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR, Roles.FEED_SYSTEM})
    public Object death(@PathParam("contactPointId") String contactPointId,
                        @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                        @NotNull @Valid LifecycleRequests.Death death) {
        Caller caller = caller();
        return forCaller(lifecycle.died(contactPointId, death.dateOfDeath(), caller, EntityTags.ifMatch(ifMatch)),
                caller);
    }

    @PUT
    @Path("/{contactPointId}/retention")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
    public ChildView extendRetention(@PathParam("contactPointId") String contactPointId,
                                     @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                     @NotNull @Valid LifecycleRequests.ExtendRetention extension) {
        return lifecycle.extendRetention(contactPointId, extension.reason(), caller(), EntityTags.ifMatch(ifMatch));
    }

    /** 201 with the new identity; the old one is closed and the link between them sealed. */
    @APIResponse(responseCode = "201", description = "The new identity; the old one is closed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChildView.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @POST
    @Path("/{contactPointId}/new-identity")
    @RolesAllowed({Roles.LA_MANAGEMENT, Roles.ADMINISTRATOR})
    public Response newIdentity(@PathParam("contactPointId") String contactPointId,
                                @NotNull @Valid LifecycleRequests.NewIdentity request) {
        ChildView created = lifecycle.newIdentity(contactPointId, request.toCommand(), caller());
        return Response.status(Response.Status.CREATED).entity(created)
                .location(URI.create("/children/" + created.contactPointId())).build();
    }

    @GET
    @Path("/{contactPointId}/sealed-links")
    @RolesAllowed(Roles.SEALED_RECORDS)
    public List<SealedLink> sealedLinks(@PathParam("contactPointId") String contactPointId,
                                        @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        return lifecycle.sealedLinks(contactPointId, PurposeOfUse.required(purpose), caller());
    }

    /** A new child's record is at {@code /children/{id}}: a 201 says so in {@code Location}. */
    static Response.ResponseBuilder created(Response.ResponseBuilder builder, Registration response) {
        return "CREATED".equals(response.outcome()) && response.contactPointId() != null
                ? builder.location(URI.create("/children/" + response.contactPointId())) : builder;
    }

    static Response.Status status(Registration response) {
        return switch (response.outcome()) {
            case "CREATED" -> Response.Status.CREATED;
            case "REVIEW", Registration.ACCEPTED_PENDING -> Response.Status.ACCEPTED;
            default -> Response.Status.OK;
        };
    }

    /**
     * The full record (which may hold a shielded child's address and the shield reason) only for the management
     * team and administrators; case-management and feed systems learn just the ID and the new version.
     */
    static Object forCaller(ChildView view, Caller caller) {
        if (caller.hasRole(Roles.LA_MANAGEMENT) || caller.hasRole(Roles.ADMINISTRATOR)) {
            return view;
        }
        return new ChangeReceipt(view.contactPointId(), view.version());
    }

    /** What a system that changed a record is told: which record, at which version. */
    public record ChangeReceipt(String contactPointId, long version) implements Versioned {

        @Override
        public Long entityVersion() {
            return version;
        }
    }

    private Caller caller() {
        return Caller.from(token);
    }
}
