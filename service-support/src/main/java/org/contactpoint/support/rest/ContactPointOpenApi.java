package org.contactpoint.support.rest;

import org.contactpoint.support.domain.PurposeOfUse;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every service's OpenAPI document says the same way, written once: the RFC 9457 {@code Problem} schema and the
 * problem responses every operation can give, the bearer-JWT security scheme, the purpose-of-use header as a required,
 * enumerated parameter, the request-id header, and the API version. Registered for every service by
 * {@code mp.openapi.filter} in service-support's configuration defaults.
 */
public class ContactPointOpenApi implements OASFilter {

    /** The API's major version: breaking changes come as a new one, announced as the deprecation policy says. */
    public static final String API_VERSION = "1";
    static final String PROBLEM = "Problem";
    static final String BEARER = "bearerJwt";

    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "Invalid request: the problem names each field that was wrong and why",
            "401", "No valid bearer token",
            "403", "The caller's role or organisation does not allow this",
            "404", "Not found, or not the caller's to see",
            "405", "Method not allowed; Allow lists those that are",
            "412", "Precondition failed: the record changed since the version sent in If-Match; read it again",
            "413", "Content too large",
            "500", "Something went wrong on our side; the detail holds a reference to the log");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getInfo().version(API_VERSION);
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.components(components);
        components.addSchema(PROBLEM, problemSchema());
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token from the configured OpenID Connect issuer (client credentials for"
                        + " systems, authorization code with PKCE for people): roles in `groups`, organisation in"
                        + " `org` and `org_code`, local authority in `la`."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        // Sorted, so that the committed document and the served one compare line by line.
        Map<String, PathItem> sorted = new TreeMap<>(openAPI.getPaths().getPathItems());
        sorted.forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                describe(path, entry.getValue());
            }
        });
        // A record read at a path whose changes take If-Match answers with its ETag (EntityTags).
        List<String> conditional = sorted.entrySet().stream()
                .filter(e -> e.getValue().getOperations().values().stream().anyMatch(ContactPointOpenApi::ifMatch))
                .map(Map.Entry::getKey).toList();
        sorted.forEach((path, item) -> {
            Operation read = item.getGET();
            if (read != null && path.contains("{") && read.getResponses() != null && conditional.stream()
                    .anyMatch(changed -> changed.equals(path) || changed.startsWith(path + "/"))) {
                entityTag(read.getResponses());
            }
        });
    }

    private static boolean ifMatch(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream().anyMatch(parameter ->
                parameter.getIn() == Parameter.In.HEADER && EntityTags.IF_MATCH.equalsIgnoreCase(parameter.getName()));
    }

    private static void entityTag(APIResponses responses) {
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeader(EntityTags.ETAG, OASFactory.createHeader()
                        .description("The record's version as a strong entity-tag; send it back in If-Match to change"
                                + " the record only as read")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("\"7\"")));
            }
        });
    }

    private static void describe(String path, Operation operation) {
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getIn() == Parameter.In.HEADER
                        && PurposeOfUse.HEADER.equalsIgnoreCase(parameter.getName())) {
                    parameter.required(true).description("Why the caller reads this child's data; recorded in the"
                            + " audit trail. A missing or unknown purpose is a 400.")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                    .enumeration(Arrays.stream(PurposeOfUse.values())
                                            .map(p -> (Object) p.name()).toList()))
                            .example(PurposeOfUse.DIRECT_CARE.name());
                }
                if (parameter.getIn() == Parameter.In.HEADER
                        && EntityTags.IF_MATCH.equalsIgnoreCase(parameter.getName())) {
                    parameter.required(false).description("The ETag of the record as the caller read it: the change"
                            + " applies only if the record is still at that version, else 412. Optional in v1:"
                            + " without it the change applies to whatever version is current.")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                            .example("\"7\"");
                }
            }
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        operation.responses(responses);
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        problem(responses, "400", hasInput);
        problem(responses, "401", secured);
        problem(responses, "403", secured);
        problem(responses, "404", path.contains("{"));
        problem(responses, "500", true);
        if (ifMatch(operation)) {
            problem(responses, "412", true);
            entityTag(responses);
        }
        if (Boolean.TRUE.equals(operation.getDeprecated())) {
            deprecation(responses);
        }
        // Any other refusal an operation declares is a problem too.
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                withProblem(response, PROBLEMS.getOrDefault(status, response.getDescription()));
            }
        });
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4") || status.startsWith("5")) {
                response.addHeader(HttpConventions.REQUEST_ID, OASFactory.createHeader()
                        .description("The caller's request id, or one made up for it; in the service's log lines")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        });
    }

    /** The headers every answer of a superseded operation carries ({@link Deprecations}). */
    private static void deprecation(APIResponses responses) {
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeader(Deprecations.DEPRECATION, OASFactory.createHeader()
                        .description("RFC 9745: the operation is deprecated, since this moment (seconds since the"
                                + " epoch after '@')")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("@1796601600")));
                response.addHeader(Deprecations.SUNSET, OASFactory.createHeader()
                        .description("RFC 8594: from this day the operation may be gone")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .example("Tue, 07 Dec 2027 00:00:00 GMT")));
                response.addHeader("Link", OASFactory.createHeader()
                        .description("The operation that replaces it: `<its path>; rel=\"successor-version\"`")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        });
    }

    private static void problem(APIResponses responses, String status, boolean applies) {
        if (applies && !responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(PROBLEMS.get(status)));
        }
    }

    private static void withProblem(APIResponse response, String description) {
        if (response.getDescription() == null || response.getDescription().isBlank()
                || response.getDescription().startsWith("Not ")) {
            response.description(description);
        }
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema()
                            .ref("#/components/schemas/" + PROBLEM))));
        }
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(List.of("field", "reason"))
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field's JSON path, query parameter or header").example("dateOfBirth"))
                .addProperty("reason", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("must be a date (yyyy-mm-dd)"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, served as application/problem+json")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .example("https://contactpoint.example/problems/invalid-request"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(400))
                .addProperty("detail", string)
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request's path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
    }
}
