package org.contactpoint.support.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why someone reads a child's data. Every read of personal data states one and its audit record carries it; the same
 * vocabulary in every service (the search gateway's own copy has these values too).
 */
public enum PurposeOfUse {
    /** Providing a service to the child (the usual reason: who else is working with this child?). */
    DIRECT_CARE,
    /** A concern about the child's welfare short of a child-protection enquiry. */
    SAFEGUARDING,
    /** A section 47 enquiry or strategy discussion. */
    CHILD_PROTECTION_ENQUIRY,
    /** Keeping the directory right: data quality, merges, local authority management duties. */
    ADMINISTRATION;

    public static Optional<PurposeOfUse> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.name().equals(text)).findFirst();
    }

    public static String vocabulary() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
