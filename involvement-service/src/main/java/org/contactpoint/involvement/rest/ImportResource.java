package org.contactpoint.involvement.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.contactpoint.involvement.application.ImportService;
import org.contactpoint.involvement.config.InvolvementConfig;
import org.contactpoint.involvement.domain.InvolvementImport;
import org.contactpoint.involvement.security.Roles;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An agency's initial load: NDJSON, one submission per line with the fields of {@code POST /involvements}, for the
 * organisation the token names (a line naming another is rejected). The body is streamed (its own limit, Quarkus's
 * {@code max-body-size}; not the 1 MB of other requests) into staging a chunk at a time; each line is read and checked
 * as a single submission's body is, and an unreadable one is rejected with its line number. Answers 202 with the
 * import's Location once the upload is staged; the worker applies it. Sent as application/json, the body is read as
 * NDJSON all the same (a one-line upload is both).
 */
@Path("/involvement-imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** Progress, as {@code GET /involvement-imports/{id}} shows it. */
    public record ImportView(String importId, String state, long lines, long processed, long started, long parked,
                             long duplicates, long rejected, double recordsPerSecond, Instant startedAt,
                             Instant finishedAt) {
        static ImportView of(InvolvementImport i, Instant now) {
            return new ImportView(i.id().toString(), i.state().name(), i.lines(), i.processed(), i.started(),
                    i.parked(), i.duplicates(), i.rejected(), i.recordsPerSecond(now), i.startedAt(), i.finishedAt());
        }
    }

    /** A line that was not applied, and why. */
    public record RejectionView(long line, String reason) {
    }

    private final ImportService imports;
    private final BatchSubmissions reader;
    private final InvolvementConfig config;
    private final ObjectMapper json;
    private final JsonWebToken token;
    private final Clock clock;

    public ImportResource(ImportService imports, BatchSubmissions reader, InvolvementConfig config, ObjectMapper json,
                          JsonWebToken token, Clock clock) {
        this.imports = imports;
        this.reader = reader;
        this.config = config;
        this.json = json;
        this.token = token;
        this.clock = clock;
    }

    @APIResponse(responseCode = "202", description = "Staged and queued: follow Location for its progress",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @POST
    @Consumes({"application/x-ndjson", "application/jsonl", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.AGENCY_SYSTEM)
    @Blocking
    public Response upload(InputStream body, @Context UriInfo uri) {
        Caller caller = Caller.from(token);
        UUID id = imports.begin(caller);
        List<ImportService.Line> lines = new ArrayList<>();
        List<InvolvementImport.Rejection> rejections = new ArrayList<>();
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            LineReader lineReader = new LineReader(text, config.importMaxLineLength());
            long number = 0;
            for (String line = lineReader.next(); line != null; line = lineReader.next()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (lineReader.tooLong()) {
                    rejections.add(new InvolvementImport.Rejection(number, "the line is longer than "
                            + config.importMaxLineLength() + " characters"));
                } else {
                    read(number, line, lines, rejections);
                }
                if (lines.size() + rejections.size() >= config.importChunkLines()) {
                    imports.stage(id, List.copyOf(lines), List.copyOf(rejections));
                    lines.clear();
                    rejections.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The upload of import " + id + " broke off", e);
        }
        imports.stage(id, lines, rejections);
        InvolvementImport received = imports.received(id);
        return Response.accepted(ImportView.of(received, clock.instant()))
                .location(URI.create(uri.getBaseUri().getPath().replaceAll("/$", "") + "/involvement-imports/" + id))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.AGENCY_SYSTEM)
    public ImportView status(@PathParam("id") String id) {
        return ImportView.of(imports.status(importId(id), Caller.from(token)), clock.instant());
    }

    @GET
    @Path("/{id}/rejections")
    @RolesAllowed(Roles.AGENCY_SYSTEM)
    public RestResponse<List<RejectionView>> rejections(@PathParam("id") String id, @QueryParam("page") String page,
                                                        @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        List<RejectionView> fetched = imports.rejections(importId(id), paging.offset(), paging.fetch(),
                        Caller.from(token)).stream().map(r -> new RejectionView(r.line(), r.reason())).toList();
        return paging.response(paging.slice(fetched), uri);
    }

    private void read(long number, String line, List<ImportService.Line> lines,
                      List<InvolvementImport.Rejection> rejections) {
        try {
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw ProblemException.badRequest("the line is not a JSON object");
            }
            if (node == null || !node.isObject()) {
                throw ProblemException.badRequest("the line is not a JSON object");
            }
            lines.add(new ImportService.Line(number, reader.read(node).toCommand()));
        } catch (ProblemException e) {
            rejections.add(new InvolvementImport.Rejection(number, e.errors() == null || e.errors().isEmpty()
                    ? e.getMessage()
                    : e.errors().stream().map(f -> f.field() + ": " + f.reason()).collect(Collectors.joining("; "))));
        }
    }

    private static UUID importId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not an import id");
        }
    }

    /**
     * Lines of at most a given length; a longer one is read to its end and dropped, and says so. Reads the upload a
     * buffer at a time (a character at a time from the decoder cost a call and a lock each).
     */
    private static final class LineReader {
        private final Reader reader;
        private final int max;
        private final char[] buffer = new char[8192];
        private int position;
        private int end;
        private boolean tooLong;

        LineReader(Reader reader, int max) {
            this.reader = reader;
            this.max = max;
        }

        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            tooLong = false;
            if (!fill()) {
                return null;
            }
            while (fill()) {
                int from = position;
                while (position < end && buffer[position] != '\n') {
                    position++;
                }
                int room = max - line.length();
                int length = position - from;
                line.append(buffer, from, Math.min(length, room));
                tooLong |= length > room;
                if (position < end) {
                    position++; // the newline
                    break;
                }
            }
            int last = line.length();
            if (last > 0 && line.charAt(last - 1) == '\r') {
                line.setLength(last - 1);
            }
            return line.toString();
        }

        boolean tooLong() {
            return tooLong;
        }

        /** False at the end of the upload. */
        private boolean fill() throws IOException {
            while (position == end) {
                int read = reader.read(buffer);
                if (read < 0) {
                    return false;
                }
                position = 0;
                end = read;
            }
            return true;
        }
    }
}
