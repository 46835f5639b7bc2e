package org.contactpoint.support.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why someone is reading a child's personal data, stated on every such read in the {@value #HEADER} header and
 * recorded with the access. The same vocabulary, and the same 400 problem when it is missing or unknown, as the
 * gateway's lookups.
 */
public enum PurposeOfUse {
    /** Providing a service to the child (the usual reason: who else is working with this child?). */
    DIRECT_CARE,
    /** A concern about the child's welfare short of a child-protection enquiry. */
    SAFEGUARDING,
    /** A section 47 enquiry or strategy discussion. */
    CHILD_PROTECTION_ENQUIRY,
    /** Keeping the directory right: data quality, merges, local authority management duties, audit. */
    ADMINISTRATION;

    public static final String HEADER = "X-Purpose-Of-Use";

    public static Optional<PurposeOfUse> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.name().equals(text)).findFirst();
    }

    public static String vocabulary() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * The purpose the header states.
     *
     * @throws Rejected naming the header when it is missing, blank or not one of the vocabulary
     */
    public static PurposeOfUse required(String header) {
        if (header == null || header.isBlank()) {
            throw Rejected.field(HEADER, "is required: state why you are looking, one of " + vocabulary());
        }
        return parse(header.trim()).orElseThrow(() -> Rejected.field(HEADER,
                "is not a recognised purpose; use one of " + vocabulary()));
    }
}
