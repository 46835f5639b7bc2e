package org.contactpoint.events.involvement;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.Contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An agency's submission of an involvement on the agency topic {@code involvement.agency-submissions.v1}: the same
 * body {@code POST /involvements} takes, with the same effect.
 * <ul>
 *   <li>Key: the child's ContactPoint ID when known, else the {@link #submissionId}.</li>
 *   <li>Headers: {@code ce_type} {@value #TYPE}; {@code ce_source} the submitting agency (submission ids are unique
 *       per agency); {@code ce_id} unique per record.</li>
 *   <li>Idempotency: {@link #submissionId}. The same submission again (also with a new {@code ce_id}) has no
 *       further effect.</li>
 *   <li>A submission involvement-service cannot accept goes to {@code involvement.agency-submissions.v1.dlq},
 *       unchanged, with the reason in the {@code dead-letter-reason} header.</li>
 * </ul>
 *
 * @param contactPointId   the child; or leave it out and give {@link #sourceIdentifier}
 * @param serviceType      from the controlled vocabulary ({@link #SERVICE_TYPES}); SEXUAL_HEALTH, MENTAL_HEALTH and
 *                         SUBSTANCE_MISUSE are sensitive and need {@link #consent}
 * @param replacesLead     with {@code leadProfessional}: stand down the child's current lead professional
 * @param consent          the recorded basis for a sensitive service; never published
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgencySubmission(
        String submissionId,
        String contactPointId,
        SourceIdentifier sourceIdentifier,
        String serviceType,
        InvolvementEvent.Organisation organisation,
        InvolvementEvent.Practitioner practitioner,
        InvolvementEvent.Contact contact,
        LocalDate startDate,
        LocalDate endDate,
        boolean leadProfessional,
        boolean replacesLead,
        boolean cafHeld,
        Consent consent) implements Contract {

    public static final String TYPE = "involvement.agency-submission.submitted.v1";

    /** The controlled vocabulary of services, as the schema lists it. */
    public static final Set<String> SERVICE_TYPES = Set.of("SCHOOL", "EARLY_YEARS", "GP", "HEALTH_VISITOR",
            "SCHOOL_NURSE", "MIDWIFERY", "CHILDRENS_SOCIAL_CARE", "EARLY_HELP", "YOUTH_OFFENDING", "POLICE", "CAMHS",
            "EDUCATION_WELFARE", "CONNEXIONS", "HOUSING", "VOLUNTARY_SECTOR", "SEXUAL_HEALTH", "MENTAL_HEALTH",
            "SUBSTANCE_MISUSE");

    /** The kinds of recorded basis for a sensitive service. */
    public static final Set<String> CONSENT_KINDS = Set.of("CHILD_CONSENT", "PARENT_CARER_CONSENT",
            "SIGNIFICANT_HARM");

    private static final Pattern SUBMISSION_ID = Pattern.compile("[A-Za-z0-9._:/-]+");
    private static final Pattern SCHEME = Pattern.compile("[A-Z0-9_]+");
    private static final Pattern PHONE = Pattern.compile("^[0-9 +()-]{6,30}$");
    // The shape Hibernate Validator's @Email accepts, which REST applies to the same body.
    private static final String ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+";
    private static final String QUOTED = "\"[^\"\\\\]*\"";
    private static final Pattern EMAIL_LOCAL = Pattern.compile("(?:" + ATOM + "|" + QUOTED + ")(?:\\.(?:" + ATOM
            + "|" + QUOTED + "))*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL_DOMAIN = Pattern.compile(
            "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}]"
                    + "(?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?)*|\\[[0-9a-fA-F:.]+])");

    /**
     * An identifier a source system holds for the child and identity-service knows, e.g. NHS_NUMBER, or SOURCE_ID
     * with source LA_CASE_SYSTEM for an LA case id; {@code source} (optional) narrows the match to that system.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceIdentifier(String scheme, String value, String source) {
    }

    /**
     * The basis for sharing a sensitive service: {@code CHILD_CONSENT} (with {@code sufficientUnderstanding: true}
     * and a scope), {@code PARENT_CARER_CONSENT} (who: {@code givenBy}, and a scope) or {@code SIGNIFICANT_HARM}
     * ({@code givenBy}: who declared it); {@code recordedAt} always.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consent(String kind, String givenBy, Instant recordedAt, String scope,
                          Boolean sufficientUnderstanding) {
    }

    /**
     * The submission's shape, checked field by field as {@code POST /involvements} checks the same body before it is
     * applied (required fields, lengths, patterns, the service and consent vocabularies), each as
     * {@code field: reason}, sorted. The rules that follow from the child's state and the service's rules
     * (which child, a valid check digit, a basis for a sensitive service, one lead) are involvement-service's, the
     * same for REST and this topic.
     */
    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        notBlank(violations, "submissionId", submissionId);
        maxLength(violations, "submissionId", submissionId, 100);
        matches(violations, "submissionId", submissionId, SUBMISSION_ID, "must be letters, digits and . _ : / -");
        maxLength(violations, "contactPointId", contactPointId, 12);
        if (sourceIdentifier != null) {
            notBlank(violations, "sourceIdentifier.scheme", sourceIdentifier.scheme());
            maxLength(violations, "sourceIdentifier.scheme", sourceIdentifier.scheme(), 40);
            matches(violations, "sourceIdentifier.scheme", sourceIdentifier.scheme(), SCHEME,
                    "must be upper-case letters, digits and _");
            notBlank(violations, "sourceIdentifier.value", sourceIdentifier.value());
            maxLength(violations, "sourceIdentifier.value", sourceIdentifier.value(), 100);
            maxLength(violations, "sourceIdentifier.source", sourceIdentifier.source(), 60);
        }
        if (serviceType == null) {
            violations.add("serviceType: must not be null");
        } else if (!SERVICE_TYPES.contains(serviceType)) {
            violations.add("serviceType: is not one of the service types " + SERVICE_TYPES.stream().sorted().toList());
        }
        if (organisation == null) {
            violations.add("organisation: must not be null");
        } else {
            notBlank(violations, "organisation.name", organisation.name());
            maxLength(violations, "organisation.name", organisation.name(), 200);
            maxLength(violations, "organisation.code", organisation.code(), 40);
        }
        if (practitioner != null) {
            maxLength(violations, "practitioner.name", practitioner.name(), 200);
            maxLength(violations, "practitioner.role", practitioner.role(), 200);
        }
        if (contact == null) {
            violations.add("contact: must not be null");
        } else {
            maxLength(violations, "contact.phone", contact.phone(), 30);
            matches(violations, "contact.phone", contact.phone(), PHONE, "must be a phone number");
            maxLength(violations, "contact.email", contact.email(), 254);
            if (contact.email() != null && !isEmail(contact.email())) {
                violations.add("contact.email: must be a well-formed email address");
            }
        }
        if (startDate == null) {
            violations.add("startDate: must not be null");
        } else if (startDate.isAfter(LocalDate.now(ZoneId.systemDefault()))) {
            violations.add("startDate: must be a date in the past or in the present");
        }
        if (consent != null) {
            if (consent.kind() != null && !CONSENT_KINDS.contains(consent.kind())) {
                violations.add("consent.kind: is not one of " + CONSENT_KINDS.stream().sorted().toList());
            }
            maxLength(violations, "consent.givenBy", consent.givenBy(), 200);
            maxLength(violations, "consent.scope", consent.scope(), 500);
        }
        return violations.stream().sorted().toList();
    }

    private static void notBlank(List<String> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(field + ": must not be blank");
        }
    }

    private static void maxLength(List<String> violations, String field, String value, int max) {
        if (value != null && value.length() > max) {
            violations.add(field + ": size must be between 0 and " + max);
        }
    }

    private static void matches(List<String> violations, String field, String value, Pattern pattern,
                                String reason) {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add(field + ": " + reason);
        }
    }

    private static boolean isEmail(String value) {
        if (value.isEmpty()) {
            return true;
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            return false;
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        return local.length() <= 64 && EMAIL_LOCAL.matcher(local).matches() && domain.length() <= 255
                && !domain.endsWith(".") && EMAIL_DOMAIN.matcher(domain).matches();
    }
}
