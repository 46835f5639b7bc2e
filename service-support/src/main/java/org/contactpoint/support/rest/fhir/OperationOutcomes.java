package org.contactpoint.support.rest.fhir;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.contactpoint.support.rest.Problem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Under {@code /fhir} every error is an {@code OperationOutcome} in {@code application/fhir+json}: the service's one
 * error path (problem details from the shared mappers, 401 and 403 included) is rewritten here at the edge, so the
 * FHIR facade cannot answer an error the JSON API would not. Headers such as {@code Retry-After} and
 * {@code WWW-Authenticate} are kept.
 * <p>
 * Not a provider itself, for the reason {@link FhirJsonBodies} gives: a service serving FHIR declares a
 * {@code @Provider} subclass.
 */
public abstract class OperationOutcomes implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !isFhir(request)) {
            return;
        }
        response.setEntity(outcome(problem), response.getEntityAnnotations(), FhirJsonBodies.FHIR_JSON_TYPE);
    }

    static boolean isFhir(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals("/fhir") || path.startsWith("/fhir/") || path.equals("fhir") || path.startsWith("fhir/");
    }

    /** The problem as an OperationOutcome: an issue per field error (naming the field), or one for the whole. */
    public static OperationOutcome outcome(Problem problem) {
        OperationOutcome outcome = new OperationOutcome();
        IssueType type = type(problem.status());
        if (problem.errors() == null || problem.errors().isEmpty()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type)
                    .setDiagnostics(problem.detail() == null ? problem.title() : problem.detail());
        } else {
            for (Problem.FieldError error : problem.errors()) {
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type)
                        .setDiagnostics(error.field() + ": " + error.reason())
                        .addExpression(error.field());
            }
        }
        return outcome;
    }

    private static IssueType type(int status) {
        return switch (status) {
            case 400 -> IssueType.INVALID;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 409 -> IssueType.CONFLICT;
            case 413 -> IssueType.TOOCOSTLY;
            case 422 -> IssueType.PROCESSING;
            case 429 -> IssueType.THROTTLED;
            case 503 -> IssueType.TRANSIENT;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING;
        };
    }
}
