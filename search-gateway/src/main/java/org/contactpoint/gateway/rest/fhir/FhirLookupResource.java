package org.contactpoint.gateway.rest.fhir;

import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.gateway.application.ChildRecordView;
import org.contactpoint.gateway.application.Lookup;
import org.contactpoint.gateway.application.LookupService;
import org.contactpoint.gateway.application.SearchQuery;
import org.contactpoint.gateway.application.SearchResult;
import org.contactpoint.gateway.config.GatewayConfig;
import org.contactpoint.gateway.domain.MatchGrade;
import org.contactpoint.gateway.rest.LookupHeaders;
import org.contactpoint.gateway.security.Roles;
import org.contactpoint.gateway.security.SystemClients;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lookup API as FHIR R4 (IHE PDQm): Patient search and {@code $match}, Patient read and the child's care teams.
 * Every call goes through {@link LookupService} exactly as the JSON API's do: the same minimum criteria, cap,
 * disclosure, quota and audit (a Patient search is a SEARCH, a read or a CareTeam search a VIEW_RECORD). Paging pages
 * within the capped answer; each page is a lookup of its own, audited and counted.
 */
@Path("/fhir")
@Produces({FhirBodies.FHIR_JSON, MediaType.APPLICATION_JSON})
@RolesAllowed({Roles.PRACTITIONER, Roles.CHILD_PROTECTION, Roles.LA_MANAGEMENT})
public class FhirLookupResource {

    private final LookupService lookups;
    private final JsonWebToken token;
    private final GatewayConfig config;

    public FhirLookupResource(LookupService lookups, JsonWebToken token, GatewayConfig config) {
        this.lookups = lookups;
        this.token = token;
        this.config = config;
    }

    @GET
    @Path("/Patient")
    public Bundle search(@HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose, @Context UriInfo uri,
                         @Context HttpServerResponse response) {
        return search(purpose, parameters(uri.getQueryParameters()), uri, response);
    }

    @POST
    @Path("/Patient/_search")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Bundle searchByPost(@HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
                               MultivaluedMap<String, String> form, @Context UriInfo uri,
                               @Context HttpServerResponse response) {
        Map<String, List<String>> parameters = parameters(uri.getQueryParameters());
        form.forEach((name, values) -> parameters.merge(name, List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return search(purpose, parameters, uri, response);
    }

    /**
     * IHE PDQm {@code $match}: the demographics of a Patient resource, searched by the same rules; {@code count}
     * narrows the cap and {@code onlyCertainMatches} keeps exact matches only.
     */
    @POST
    @Path("/Patient/$match")
    @Consumes({FhirBodies.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Bundle match(@HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose, Parameters body,
                        @Context UriInfo uri, @Context HttpServerResponse response) {
        Lookup lookup = lookup(purpose);
        if (body == null || !(body.getParameter("resource") != null
                && body.getParameter("resource").getResource() instanceof Patient)) {
            throw new ProblemException(422, "Unprocessable request", "$match needs a Patient in the parameter "
                    + "'resource'", List.of(new Problem.FieldError("resource", "a Patient resource is required")));
        }
        Patient patient = (Patient) body.getParameter("resource").getResource();
        boolean onlyCertain = body.getParameter("onlyCertainMatches") != null
                && body.getParameter("onlyCertainMatches").getValue() instanceof BooleanType certain
                && certain.booleanValue();
        int count = config.maxMatches();
        if (body.getParameter("count") != null) {
            if (!(body.getParameter("count").getValue() instanceof IntegerType given) || given.getValue() == null
                    || given.getValue() < 1) {
                throw ProblemException.invalidField("count", "must be a positive integer");
            }
            count = Math.min(given.getValue(), config.maxMatches());
        }
        SearchQuery query = FhirSearchParameters.query(demographics(patient));
        SearchResult result = lookups.search(query, lookup);
        response.putHeader(LookupHeaders.LOOKUP_ID, result.lookupId());
        List<SearchResult.Match> matches = result.matches() == null ? null : result.matches().stream()
                .filter(m -> !onlyCertain || m.grade() == MatchGrade.EXACT).limit(count).toList();
        Bundle bundle = bundle(result, matches, uri);
        bundle.addLink().setRelation("self").setUrl(uri.getRequestUri().toString());
        return bundle;
    }

    @GET
    @Path("/Patient/{id}")
    public Patient read(@PathParam("id") String id, @HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
                        @HeaderParam(LookupHeaders.BREAK_GLASS_REASON) String breakGlassReason,
                        @Context HttpServerResponse response) {
        ChildRecordView record = view(id, purpose, breakGlassReason, "id");
        response.putHeader(LookupHeaders.LOOKUP_ID, record.lookupId());
        return FhirResources.patient(record);
    }

    /** The child's involvements, one care team each: {@code patient=CP...} (or {@code subject=Patient/CP...}). */
    @GET
    @Path("/CareTeam")
    public Bundle careTeams(@HeaderParam(LookupHeaders.PURPOSE_OF_USE) String purpose,
                            @HeaderParam(LookupHeaders.BREAK_GLASS_REASON) String breakGlassReason,
                            @Context UriInfo uri, @Context HttpServerResponse response) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        for (String name : parameters.keySet()) {
            if (!name.equals("patient") && !name.equals("subject") && !FhirSearchParameters.RESULT_PARAMETERS.contains(name)) {
                throw ProblemException.invalidField(name, "is not a supported CareTeam search parameter; use patient");
            }
        }
        String patient = parameters.getFirst("patient") != null ? parameters.getFirst("patient")
                : parameters.getFirst("subject");
        if (patient == null || patient.isBlank()) {
            throw ProblemException.invalidField("patient", "is required: the child's ContactPoint ID");
        }
        String id = patient.trim().startsWith("Patient/") ? patient.trim().substring("Patient/".length())
                : patient.trim();
        ChildRecordView record = view(id, purpose, breakGlassReason, "patient");
        response.putHeader(LookupHeaders.LOOKUP_ID, record.lookupId());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setId(record.lookupId());
        bundle.addLink().setRelation("self").setUrl(uri.getRequestUri().toString());
        for (ChildRecordView.Involvement involvement : record.involvements()) {
            bundle.addEntry().setFullUrl(base(uri) + "CareTeam/" + involvement.involvementId())
                    .setResource(FhirResources.careTeam(record, involvement))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(record.involvements().size());
        return bundle;
    }

    private ChildRecordView view(String id, String purpose, String breakGlassReason, String field) {
        Lookup lookup = lookup(purpose);
        String reason = LookupHeaders.breakGlassReason(breakGlassReason);
        if (!ContactPointIds.isValid(id)) {
            throw ProblemException.invalidField(field,
                    "is not a ContactPoint ID: CP followed by 10 digits, the last a check digit (check for a typo)");
        }
        return lookups.view(id, reason, lookup)
                .orElseThrow(() -> ProblemException.notFound("No child with ContactPoint ID " + id
                        + " is available to you"));
    }

    private Bundle search(String purpose, Map<String, List<String>> parameters, UriInfo uri,
                          HttpServerResponse response) {
        Lookup lookup = lookup(purpose);
        int count = page("_count", parameters, config.maxMatches());
        int offset = page("_offset", parameters, 0);
        if (count < 1) {
            throw ProblemException.invalidField("_count", "must be at least 1");
        }
        SearchQuery query = FhirSearchParameters.query(parameters);
        SearchResult result = lookups.search(query, lookup);
        response.putHeader(LookupHeaders.LOOKUP_ID, result.lookupId());
        List<SearchResult.Match> matches = result.matches() == null ? null
                : result.matches().stream().skip(offset).limit(count).toList();
        Bundle bundle = bundle(result, matches, uri);
        bundle.addLink().setRelation("self").setUrl(link(uri, parameters, offset));
        if (result.matches() != null && offset + count < result.matches().size()) {
            bundle.addLink().setRelation("next").setUrl(link(uri, parameters, offset + count));
        }
        if (result.matches() != null && offset > 0) {
            bundle.addLink().setRelation("previous").setUrl(link(uri, parameters, Math.max(0, offset - count)));
        }
        return bundle;
    }

    private Bundle bundle(SearchResult result, List<SearchResult.Match> matches, UriInfo uri) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setId(result.lookupId());
        if (result.tooManyMatches()) {
            // As the JSON API: more than the cap and no list at all, only what to add.
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
                    .setCode(OperationOutcome.IssueType.MULTIPLEMATCHES)
                    .setDiagnostics("More than " + result.cap() + " children match: add criteria (a full date of "
                            + "birth, a given name, a postcode) to narrow the search");
            // Outside transactions and batches every entry needs a fullUrl (R4 bdl-7 and the Bundle rules); the
            // outcome has no address of its own, so it is named by a UUID.
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(outcome).getSearch()
                    .setMode(Bundle.SearchEntryMode.OUTCOME);
            return bundle;
        }
        bundle.setTotal(result.matches().size());
        for (SearchResult.Match match : matches) {
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base(uri) + "Patient/" + match.contactPointId())
                    .setResource(FhirResources.patient(match));
            entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH).setScore(FhirResources.score(match.grade()))
                    .addExtension(FhirResources.MATCH_GRADE, FhirResources.matchGrade(match.grade()));
        }
        return bundle;
    }

    private Lookup lookup(String purpose) {
        return new Lookup(Caller.from(token), LookupHeaders.purpose(purpose), SystemClients.isSystemClient(token));
    }

    /** A Patient resource's demographics as search parameters: the first of each that is given. */
    private static Map<String, List<String>> demographics(Patient patient) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst().orElse(patient.getNameFirstRep());
        if (name.hasFamily()) {
            parameters.put("family", List.of(name.getFamily()));
        }
        if (name.hasGiven()) {
            parameters.put("given", List.of(name.getGiven().stream().map(PrimitiveType::getValue)
                    .collect(Collectors.joining(" "))));
        }
        if (patient.hasBirthDate()) {
            parameters.put("birthdate", List.of(patient.getBirthDateElement().getValueAsString()));
        }
        if (patient.hasGender()) {
            parameters.put("gender", List.of(patient.getGender().toCode()));
        }
        patient.getAddress().stream().filter(Address::hasPostalCode).findFirst()
                .ifPresent(address -> parameters.put("address-postalcode", List.of(address.getPostalCode())));
        for (Identifier identifier : patient.getIdentifier()) {
            if (FhirSearchParameters.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())
                    || FhirSearchParameters.CONTACT_POINT_ID_SYSTEM.equals(identifier.getSystem())) {
                parameters.put("identifier", List.of(identifier.getSystem() + "|" + identifier.getValue()));
                break;
            }
        }
        return parameters;
    }

    private static Map<String, List<String>> parameters(MultivaluedMap<String, String> query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        query.forEach((name, values) -> parameters.put(name, List.copyOf(values)));
        return parameters;
    }

    private static int page(String name, Map<String, List<String>> parameters, int otherwise) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(values.get(0).trim());
            if (value < 0) {
                throw ProblemException.invalidField(name, "must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }

    /** A GET link to this search at another offset (a POSTed search's links are GETs with its form parameters). */
    private static String link(UriInfo uri, Map<String, List<String>> parameters, int offset) {
        StringBuilder link = new StringBuilder(base(uri)).append("Patient?");
        parameters.forEach((name, values) -> {
            if (!name.equals("_offset")) {
                values.forEach(value -> link.append(encode(name)).append('=').append(encode(value)).append('&'));
            }
        });
        link.append("_offset=").append(offset);
        return link.toString();
    }

    private static String base(UriInfo uri) {
        return uri.getBaseUri().resolve("fhir/").toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
