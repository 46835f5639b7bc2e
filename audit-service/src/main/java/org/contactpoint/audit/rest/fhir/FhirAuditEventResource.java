package org.contactpoint.audit.rest.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.audit.application.AuditQueryService;
import org.contactpoint.audit.application.AuditRecordReads;
import org.contactpoint.audit.application.ChainedRecord;
import org.contactpoint.audit.application.RecordPage;
import org.contactpoint.audit.domain.AuditQuery;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The trail as FHIR R4 {@code AuditEvent}s (IHE BALP), read-only, for auditors: the same query as
 * {@code GET /audit-records} (each search chained as a QUERY_AUDIT_RECORDS record) and a read by sequence (chained as
 * READ_AUDIT_RECORD). Newest first; {@code _count} and {@code _page} page through.
 */
@Path("/fhir/AuditEvent")
@Produces({FhirBodies.FHIR_JSON, MediaType.APPLICATION_JSON})
@RolesAllowed(Roles.AUDITOR)
public class FhirAuditEventResource {

    static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> PARAMETERS = Set.of("date", "agent", "entity", "patient", "_count", "_page",
            "_format", "_pretty");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final AuditQueryService queries;
    private final AuditRecordReads reads;
    private final JsonWebToken token;

    public FhirAuditEventResource(AuditQueryService queries, AuditRecordReads reads, JsonWebToken token) {
        this.queries = queries;
        this.reads = reads;
        this.token = token;
    }

    @GET
    public Bundle search(@HeaderParam(PurposeOfUse.HEADER) String purposeHeader, @Context UriInfo uri) {
        PurposeOfUse purpose = PurposeOfUse.required(purposeHeader);
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ProblemException.invalidField(name, "is not a supported AuditEvent search parameter; use "
                        + "date, agent, entity or patient");
            }
        }
        Instant from = null;
        Instant to = null;
        for (String date : parameters.getOrDefault("date", List.of())) {
            String prefix = date.length() > 2 && Character.isLetter(date.charAt(0)) ? date.substring(0, 2) : "eq";
            String value = prefix.equals("eq") && !date.startsWith("eq") ? date : date.substring(2);
            switch (prefix) {
                case "ge" -> from = instant(value, false);
                case "gt" -> from = instant(value, true);
                case "le" -> to = instant(value, true);
                case "lt" -> to = instant(value, false);
                case "eq" -> {
                    from = instant(value, false);
                    to = instant(value, true);
                }
                default -> throw ProblemException.invalidField("date", "takes the prefixes eq, ge, gt, le and lt");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("date", "the upper bound must be after the lower bound");
        }
        String agent = single(parameters, "agent");
        if (agent != null && agent.length() > 255) {
            throw ProblemException.invalidField("agent", "must be at most 255 characters");
        }
        String child = single(parameters, "patient") != null ? single(parameters, "patient")
                : single(parameters, "entity");
        if (child != null) {
            child = child.startsWith("Patient/") ? child.substring("Patient/".length()) : child;
            if (!ContactPointIds.isValid(child)) {
                throw ProblemException.invalidField(parameters.containsKey("patient") ? "patient" : "entity",
                        "must be a ContactPoint ID (or Patient/<ContactPoint ID>)");
            }
        }
        int size = integer("_count", single(parameters, "_count"), 50, 1, MAX_PAGE_SIZE);
        int page = integer("_page", single(parameters, "_page"), 0, 0, 100_000);
        RecordPage found = queries.search(new AuditQuery(child, agent, null, from, to, null, null), page, size,
                Caller.from(token), purpose);

        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal((int) Math.min(Integer.MAX_VALUE, found.totalRecords()));
        String base = uri.getBaseUri().resolve("fhir/").toString();
        bundle.addLink().setRelation("self").setUrl(link(base, parameters, page));
        if (page + 1 < found.totalPages()) {
            bundle.addLink().setRelation("next").setUrl(link(base, parameters, page + 1));
        }
        if (page > 0) {
            bundle.addLink().setRelation("previous").setUrl(link(base, parameters, page - 1));
        }
        for (ChainedRecord record : found.records()) {
            bundle.addEntry().setFullUrl(base + "AuditEvent/" + record.sequence())
                    .setResource(FhirAuditEvents.of(record)).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    @GET
    @Path("/{id}")
    public AuditEvent read(@PathParam("id") String id, @HeaderParam(PurposeOfUse.HEADER) String purposeHeader) {
        PurposeOfUse purpose = PurposeOfUse.required(purposeHeader);
        long sequence;
        try {
            sequence = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("id", "is the record's sequence number in the trail: a whole number");
        }
        return reads.read(sequence, Caller.from(token), purpose).map(FhirAuditEvents::of)
                .orElseThrow(() -> ProblemException.notFound("No audit record " + id));
    }

    private static String single(MultivaluedMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.invalidField(name, "may be given once");
        }
        return values.get(0).trim();
    }

    /** A day ({@code 2026-11-22}, a London day) or an instant ({@code 2026-11-22T09:00:00Z}). */
    private static Instant instant(String text, boolean upperBound) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (upperBound ? day.plusDays(1) : day).atStartOfDay(LONDON).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("date",
                    "must be a date (2026-11-22) or an instant (2026-11-22T09:00:00Z), with an optional prefix");
        }
    }

    private static int integer(String name, String text, int otherwise, int min, int max) {
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw ProblemException.invalidField(name, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number between " + min + " and " + max);
        }
    }

    private static String link(String base, MultivaluedMap<String, String> parameters, int page) {
        StringBuilder link = new StringBuilder(base).append("AuditEvent?");
        parameters.forEach((name, values) -> {
            if (!name.equals("_page")) {
                values.forEach(value -> link.append(encode(name)).append('=').append(encode(value)).append('&'));
            }
        });
        return link.append("_page=").append(page).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
