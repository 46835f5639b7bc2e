package org.contactpoint.support.rest;

import org.contactpoint.support.domain.PurposeOfUse;

/**
 * The {@code X-Purpose-Of-Use} request header every read of a child's personal data carries: missing or not one of
 * {@link PurposeOfUse} is a 400 problem naming the header, answered as the search gateway answers it.
 */
public final class PurposeOfUseHeader {

    public static final String NAME = "X-Purpose-Of-Use";

    private PurposeOfUseHeader() {
    }

    public static PurposeOfUse required(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.invalidField(NAME,
                    "is required: state why you are looking, one of " + PurposeOfUse.vocabulary());
        }
        return PurposeOfUse.parse(header.trim()).orElseThrow(() -> ProblemException.invalidField(NAME,
                "is not a recognised purpose; use one of " + PurposeOfUse.vocabulary()));
    }
}
