package org.contactpoint.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.contactpoint.gateway.config.LaTeamServicesConfig;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.tracing.Tracing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The LA team's screens on the page, passed through with the team member's own token (same origin as the page, so
 * its Content-Security-Policy names no other host and no CORS is needed): accounts, partner organisations, misuse
 * investigations, the access-notification inbox and usage reports to audit-service; data quality to
 * identity-service. Only these requests pass, each to its one upstream path, built from checked values only; the
 * upstream's answer comes back unchanged, and it alone decides whose accounts, investigations and figures the caller
 * sees (its token's {@code la}), validates and audits. The lists are audit-service's v2 lists (docs/api.md,
 * pagination): a page's JSON array, and {@code Link: <…>; rel="next"} with the gateway's own path of the next page
 * while more follow. The role here refuses early whom they would refuse anyway.
 * The children-falling-through-the-gaps reports are the gateway's own ({@code /local-authority-reports/*}).
 */
@Path("/la-team")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.LA_MANAGEMENT)
public class LaTeamResource {

    private static final String UUID = "[0-9a-fA-F-]{36}";
    // An identity provider's user id (Keycloak: a UUID) or a username: nothing that could reshape the upstream path.
    private static final String USER_ID = "[A-Za-z0-9._@-]{1,100}";
    // A London date or an instant, as audit-service and identity-service read from and to.
    private static final java.util.regex.Pattern WHEN = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?");

    private final UpstreamPassThrough audit;
    private final UpstreamPassThrough identity;

    public LaTeamResource(LaTeamServicesConfig config, Tracing tracing) {
        this.audit = new UpstreamPassThrough("audit-service", config.auditServiceUrl(), config.timeout(), tracing);
        this.identity = new UpstreamPassThrough("identity-service", config.identityServiceUrl(), config.timeout(),
                tracing);
    }

    // ---- accounts ------------------------------------------------------------------------------------------------

    @GET
    @Path("/accounts")
    public Response accounts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return audit.passPage("/v2/accounts?" + pageQuery(paging, 0), authorization, null,
                "/la-team/accounts?" + pageQuery(paging, 1));
    }

    @POST
    @Path("/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createAccount(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return audit.pass("POST", "/accounts", authorization, null, null, body, MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("/accounts/{userId}")
    public Response account(@PathParam("userId") @Pattern(regexp = USER_ID) String userId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return audit.pass("GET", "/accounts/" + userId, authorization, null, null, null, MediaType.APPLICATION_JSON);
    }

    @POST
    @Path("/accounts/{userId}/suspension")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response suspend(@PathParam("userId") @Pattern(regexp = USER_ID) String userId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) {
        return audit.pass("POST", "/accounts/" + userId + "/suspension", authorization, null, ifMatch, body,
                MediaType.APPLICATION_JSON);
    }

    @DELETE
    @Path("/accounts/{userId}/suspension")
    public Response reinstate(@PathParam("userId") @Pattern(regexp = USER_ID) String userId,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return audit.pass("DELETE", "/accounts/" + userId + "/suspension", authorization, null, ifMatch, null,
                MediaType.APPLICATION_JSON);
    }

    @POST
    @Path("/accounts/{userId}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("userId") @Pattern(regexp = USER_ID) String userId,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) {
        return audit.pass("POST", "/accounts/" + userId + "/closure", authorization, null, ifMatch, body,
                MediaType.APPLICATION_JSON);
    }

    // ---- partner organisations -----------------------------------------------------------------------------------

    @GET
    @Path("/partner-organisations")
    public Response partnerOrganisations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return audit.pass("GET", "/partner-organisations", authorization, null, null, null,
                MediaType.APPLICATION_JSON);
    }

    @POST
    @Path("/partner-organisations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerPartnerOrganisation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                byte[] body) {
        return audit.pass("POST", "/partner-organisations", authorization, null, null, body,
                MediaType.APPLICATION_JSON);
    }

    // ---- misuse investigations -----------------------------------------------------------------------------------

    @GET
    @Path("/investigations")
    public Response investigations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @QueryParam("includeClosed") String includeClosed,
                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        String closedToo = "includeClosed=" + flag("includeClosed", includeClosed) + "&";
        return audit.passPage("/v2/investigations?" + closedToo + pageQuery(paging, 0), authorization, null,
                "/la-team/investigations?" + closedToo + pageQuery(paging, 1));
    }

    @POST
    @Path("/investigations/{investigationId}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response closeInvestigation(@PathParam("investigationId") @Pattern(regexp = UUID) String investigationId,
                                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) {
        return audit.pass("POST", "/investigations/" + investigationId + "/closure", authorization, null, ifMatch,
                body, MediaType.APPLICATION_JSON);
    }

    // ---- the access-notification inbox ---------------------------------------------------------------------------

    @GET
    @Path("/access-notifications")
    public Response accessNotifications(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                        @QueryParam("page") String page, @QueryParam("size") String size) {
        // Checked here too, so that only a known purpose and plain numbers ever leave the gateway.
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        Paging paging = Paging.of(page, size);
        return audit.passPage("/v2/access-notifications?" + pageQuery(paging, 0), authorization, stated.name(),
                "/la-team/access-notifications?" + pageQuery(paging, 1));
    }

    @POST
    @Path("/access-notifications/{notificationId}/acknowledgement")
    public Response acknowledgeAccessNotification(
            @PathParam("notificationId") @Pattern(regexp = UUID) String notificationId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PurposeOfUse.HEADER) String purpose) {
        PurposeOfUse stated = PurposeOfUse.required(purpose);
        return audit.pass("POST", "/access-notifications/" + notificationId + "/acknowledgement", authorization,
                stated.name(), null, new byte[0], MediaType.APPLICATION_JSON);
    }

    // ---- reports with no personal data ---------------------------------------------------------------------------

    @GET
    @Path("/usage-reports")
    public Response usageReport(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                @QueryParam("from") String from, @QueryParam("to") String to) {
        return audit.pass("GET", "/usage-reports" + period(from, to), authorization, optionalPurpose(purpose), null,
                null, MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("/data-quality")
    public Response dataQuality(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam(PurposeOfUse.HEADER) String purpose,
                                @QueryParam("from") String from, @QueryParam("to") String to) {
        return identity.pass("GET", "/data-quality" + period(from, to), authorization, optionalPurpose(purpose),
                null, null, MediaType.APPLICATION_JSON);
    }

    /** {@code page=&size=} of this page ({@code ahead} 0) or the next (1). */
    private static String pageQuery(Paging paging, int ahead) {
        return "page=" + (paging.page() + ahead) + "&size=" + paging.size();
    }

    /** {@code ?from=&to=} with each present one checked (a date or an instant), or nothing. */
    private static String period(String from, String to) {
        StringBuilder query = new StringBuilder();
        for (String[] parameter : new String[][]{{"from", from}, {"to", to}}) {
            String value = parameter[1];
            if (value == null || value.isBlank()) {
                continue;
            }
            if (!WHEN.matcher(value).matches()) {
                throw ProblemException.invalidField(parameter[0],
                        "must be a date (2026-11-22) or an instant (2026-11-22T09:00:00Z)");
            }
            query.append(query.isEmpty() ? '?' : '&').append(parameter[0]).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** A purpose when one is stated (it must then be a known one); these reports hold no personal data. */
    private static String optionalPurpose(String purpose) {
        return Optional.ofNullable(purpose).filter(p -> !p.isBlank())
                .map(p -> PurposeOfUse.required(p).name()).orElse(null);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalidField(name, "must be true or false");
    }
}
