package org.contactpoint.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
import org.contactpoint.identity.application.ImportWorker;
import org.contactpoint.identity.application.SourceRecordImports;
import org.contactpoint.identity.application.SourceRecordImports.ImportStatus;
import org.contactpoint.identity.application.SourceRecordImports.Line;
import org.contactpoint.identity.config.IdentityConfig;
import org.contactpoint.identity.security.Roles;
import org.contactpoint.support.rest.Paging;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;
import org.contactpoint.support.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk imports of source records: a file of records (NDJSON, or CSV with a header row of the same field names)
 * streamed into staging as it arrives, never held whole, and matched in batches by the import worker. Each line is
 * read and checked here, as {@code POST /source-records} checks a record; a bad line is kept with its number and
 * reason and the rest go on.
 */
@Path("/source-record-imports")
public class SourceRecordImportResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    private final SourceRecordImports imports;
    private final ImportWorker worker;
    private final SourceRecordReader reader;
    private final ObjectMapper json;
    private final IdentityConfig config;
    private final JsonWebToken token;

    public SourceRecordImportResource(SourceRecordImports imports, ImportWorker worker, SourceRecordReader reader,
                                      ObjectMapper json, IdentityConfig config, JsonWebToken token) {
        this.imports = imports;
        this.worker = worker;
        this.reader = reader;
        this.json = json;
        this.config = config;
        this.token = token;
    }

    /**
     * 202 with the import's status and {@code Location}; 400 when the upload cannot be read at all; 415 unless
     * NDJSON or CSV (checked here, after the caller's token and role, so an unknown caller learns nothing).
     */
    @APIResponse(responseCode = "202", description = "Staged and queued: follow Location for its progress",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportStatus.class)),
            headers = @Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FEED_SYSTEM)
    public Response upload(InputStream body, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        Caller caller = Caller.from(token);
        MediaType type = headers.getMediaType();
        String essence = type == null ? "" : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        boolean csv = essence.equals(CSV);
        if (!csv && !essence.equals(NDJSON)) {
            throw new ProblemException(415, "Unsupported media type",
                    "An import is " + NDJSON + " (one record a line) or " + CSV + " (a header row of field names)");
        }
        long maxBytes = config.imports().maxBytes().asLongValue();
        String declared = headers.getHeaderString(jakarta.ws.rs.core.HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > maxBytes) {
            throw tooLarge(maxBytes);
        }
        Upload upload = new Upload(caller, csv ? "CSV" : "NDJSON");
        try (Reader text = new BufferedReader(new InputStreamReader(new Bounded(body, maxBytes),
                StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                64 * 1024)) {
            if (csv) {
                readCsv(text, upload);
            } else {
                readNdjson((BufferedReader) text, upload);
            }
        } catch (Bounded.TooLarge e) {
            upload.failed("the upload is larger than " + maxBytes + " bytes");
            throw tooLarge(maxBytes);
        } catch (CharacterCodingException e) {
            throw upload.unreadable("line " + (upload.lastLine + 1) + " is not UTF-8 text");
        } catch (IOException e) {
            throw upload.unreadable("the upload could not be read to its end: " + e.getMessage());
        }
        if (upload.importId == null) {
            throw new ProblemException(400, "Unreadable upload", "The upload holds no records", List.of(
                    new Problem.FieldError("", "holds no records")));
        }
        upload.flush();
        ImportStatus status = imports.received(upload.importId, upload.lastLine, caller);
        return Response.accepted(status).location(URI.create("/source-record-imports/" + upload.importId)).build();
    }

    private void readNdjson(BufferedReader text, Upload upload) throws IOException {
        String line;
        while ((line = text.readLine()) != null) {
            upload.lastLine++;
            if (line.isBlank()) {
                continue;
            }
            upload.add(upload.lastLine, reader.read(line));
        }
    }

    /**
     * Reads CSV rows by the header's field names into the JSON a record would be sent as: a dotted name is a nested
     * field ({@code address.postcode}) and a number an array position ({@code identifiers.0.scheme}); an empty cell
     * is an absent field.
     */
    private void readCsv(Reader text, Upload upload) throws IOException {
        MappingIterator<Map<String, String>> rows;
        try {
            rows = CSV_MAPPER.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw upload.unreadable("the header row cannot be read: " + e.getOriginalMessage());
        }
        upload.lastLine = 1;
        while (true) {
            long line = rows.getCurrentLocation().getLineNr();
            Map<String, String> row;
            try {
                if (!rows.hasNextValue()) {
                    break;
                }
                row = rows.nextValue();
            } catch (CharacterCodingException | Bounded.TooLarge e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                upload.lastLine = Math.max(upload.lastLine, line);
                upload.add(line, new SourceRecordReader.Read(null, List.of(new Problem.FieldError("",
                        "is not a CSV row: " + firstLine(e.getMessage())))));
                if (rows.getCurrentLocation().getLineNr() <= line) {
                    break;
                }
                continue;
            }
            upload.lastLine = Math.max(upload.lastLine, rows.getCurrentLocation().getLineNr() - 1);
            upload.add(line, reader.read(toJson(row)));
        }
    }

    private JsonNode toJson(Map<String, String> row) {
        ObjectNode record = json.createObjectNode();
        row.forEach((column, value) -> {
            if (column == null || value == null || value.isEmpty()) {
                return;
            }
            String[] path = column.trim().split("\\.");
            JsonNode node = record;
            for (int i = 0; i < path.length; i++) {
                boolean last = i == path.length - 1;
                boolean nextIsIndex = !last && path[i + 1].matches("\\d{1,3}");
                node = step(node, path[i], last ? null : nextIsIndex, value);
                if (node == null) {
                    return;
                }
            }
        });
        return record;
    }

    /** One step down a dotted column name: the child container (created if absent), or the value set when last. */
    private JsonNode step(JsonNode parent, String name, Boolean childIsArray, String value) {
        if (parent instanceof ObjectNode object) {
            if (childIsArray == null) {
                object.put(name, value);
                return null;
            }
            JsonNode child = object.get(name);
            if (child == null) {
                child = childIsArray ? object.putArray(name) : object.putObject(name);
            }
            return child;
        }
        if (parent instanceof ArrayNode array && name.matches("\\d{1,3}")) {
            int index = Integer.parseInt(name);
            while (array.size() <= index) {
                array.addNull();
            }
            if (childIsArray == null) {
                array.set(index, json.getNodeFactory().textNode(value));
                return null;
            }
            JsonNode child = array.get(index);
            if (child == null || child.isNull()) {
                child = childIsArray ? json.createArrayNode() : json.createObjectNode();
                array.set(index, child);
            }
            return child;
        }
        return null;
    }

    /** An import's progress: the importer's own imports; an administrator's, every import. */
    @GET
    @Path("/{importId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FEED_SYSTEM, Roles.ADMINISTRATOR})
    public ImportStatus status(@PathParam("importId") String importId) {
        Caller caller = Caller.from(token);
        return imports.status(id(importId), caller, caller.roles().contains(Roles.ADMINISTRATOR));
    }

    /** The rejected lines, in line order, a page at a time. */
    @GET
    @Path("/{importId}/rejections")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FEED_SYSTEM, Roles.ADMINISTRATOR})
    public RestResponse<List<SourceRecordImports.Rejection>> rejections(@PathParam("importId") String importId,
                                                                      @QueryParam("page") String page,
                                                                      @QueryParam("size") String size,
                                                                      @Context UriInfo uri) {
        Caller caller = Caller.from(token);
        Paging paging = Paging.of(page, size);
        List<SourceRecordImports.Rejection> fetched = imports.rejections(id(importId), paging.offset(),
                paging.fetch(), caller, caller.roles().contains(Roles.ADMINISTRATOR));
        return paging.response(paging.slice(fetched), uri);
    }

    private static UUID id(String importId) {
        try {
            return UUID.fromString(importId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid request", "importId is not an import's id",
                    List.of(new Problem.FieldError("importId", "is not an import's id")));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String reason(SourceRecordReader.Read read) {
        return String.join("; ", read.errors().stream()
                .map(e -> e.field() == null || e.field().isEmpty() ? e.reason() : e.field() + ": " + e.reason())
                .toList());
    }

    /** An upload as it is read: the import is opened at its first record and staged a chunk at a time. */
    private final class Upload {
        final Caller caller;
        final String format;
        final List<Line> chunk = new ArrayList<>();
        UUID importId;
        long lastLine;

        Upload(Caller caller, String format) {
            this.caller = caller;
            this.format = format;
        }

        void add(long line, SourceRecordReader.Read read) {
            if (importId == null) {
                importId = imports.open(caller, format);
            }
            chunk.add(read.valid() ? new Line(line, read.record().toCommand(), null)
                    : new Line(line, null, reason(read)));
            if (chunk.size() >= config.imports().stagingChunk()) {
                flush();
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                imports.stage(importId, chunk);
                chunk.clear();
                worker.wake();
            }
        }

        ProblemException unreadable(String reason) {
            failed(reason);
            return new ProblemException(400, "Unreadable upload", "The upload cannot be read: " + reason,
                    List.of(new Problem.FieldError("", reason)));
        }

        void failed(String reason) {
            if (importId != null) {
                imports.failed(importId, reason);
            }
        }
    }

    private static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "Content too large", "An import is at most " + maxBytes
                + " bytes: split the file", List.of(new Problem.FieldError("", "is larger than " + maxBytes
                + " bytes")));
    }

    /** The upload as it arrives, refused once it passes the import's limit (a body of unknown length included). */
    private static final class Bounded extends java.io.FilterInputStream {

        /** The upload passed the limit. */
        static final class TooLarge extends IOException {
            TooLarge() {
                super("the upload is too large");
            }
        }

        private final long maxBytes;
        private long read;

        Bounded(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge();
            }
        }
    }
}
