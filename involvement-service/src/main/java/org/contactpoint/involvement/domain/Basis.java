package org.contactpoint.involvement.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded basis on which a sensitive service's involvement may be shared: consent from the child (judged to have
 * sufficient understanding) or from a parent or carer, or a declared significant-harm basis. Who, when and the scope
 * are kept here and never published.
 *
 * @param givenBy   who consented (the parent or carer's name), or who declared the significant-harm basis
 * @param scope     what the consent covers, e.g. "share with professionals working with the child"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Basis(Kind kind, String givenBy, Instant recordedAt, String scope, Boolean sufficientUnderstanding) {

    public enum Kind {
        CHILD_CONSENT, PARENT_CARER_CONSENT, SIGNIFICANT_HARM;

        public boolean isConsent() {
            return this != SIGNIFICANT_HARM;
        }
    }

    /** A field that is missing or wrong, named from the submission's root (e.g. {@code consent.givenBy}). */
    public record Violation(String field, String reason) {
    }

    /**
     * What is wrong with the basis for this service type; empty when the involvement may be accepted. Only sensitive
     * services need a basis; for others a basis is kept if given but not required.
     */
    public static List<Violation> check(ServiceType serviceType, Basis basis, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (!serviceType.sensitive()) {
            return violations;
        }
        if (basis == null || basis.kind() == null) {
            violations.add(new Violation("consent", serviceType + " is a sensitive service: it needs a recorded basis"
                    + " (consent.kind CHILD_CONSENT, PARENT_CARER_CONSENT or SIGNIFICANT_HARM)"));
            return violations;
        }
        if (basis.recordedAt() == null) {
            violations.add(new Violation("consent.recordedAt", "must say when the basis was recorded"));
        } else if (basis.recordedAt().isAfter(now)) {
            violations.add(new Violation("consent.recordedAt", "must not be in the future"));
        }
        switch (basis.kind()) {
            case CHILD_CONSENT -> {
                if (!Boolean.TRUE.equals(basis.sufficientUnderstanding())) {
                    violations.add(new Violation("consent.sufficientUnderstanding", "the child's own consent counts"
                            + " only where the child is judged to have sufficient understanding (true)"));
                }
                requireScope(basis, violations);
            }
            case PARENT_CARER_CONSENT -> {
                if (isBlank(basis.givenBy())) {
                    violations.add(new Violation("consent.givenBy", "must name the parent or carer who consented"));
                }
                requireScope(basis, violations);
            }
            case SIGNIFICANT_HARM -> {
                if (isBlank(basis.givenBy())) {
                    violations.add(new Violation("consent.givenBy",
                            "must name who declared the significant-harm basis"));
                }
            }
        }
        return violations;
    }

    private static void requireScope(Basis basis, List<Violation> violations) {
        if (isBlank(basis.scope())) {
            violations.add(new Violation("consent.scope", "must say what the consent covers"));
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
