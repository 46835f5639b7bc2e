package org.contactpoint.involvement.application;

import org.contactpoint.support.domain.PurposeOfUse;

/**
 * Which involvements to list: one child's (required for the LA management team), or all of the practitioner's own
 * organisation; one page of {@code size} from page {@code page} (0 first), read for the purpose the caller stated.
 */
public record ListInvolvements(String contactPointId, int page, int size, PurposeOfUse purpose) {
}
