package org.contactpoint.involvement.application;

import org.contactpoint.involvement.domain.SourceIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What identity-service says a child is now, as far as involvements care.
 *
 * @param status                    identity's status (ACTIVE, DECEASED, ARCHIVED, MERGED, CLOSED)
 * @param mergedInto                the final surviving child, when {@code status} is MERGED
 * @param shield                    present while the child is shielded
 * @param identifiers               the identifiers source systems hold for the child
 */
public record ChildStateChanged(String contactPointId, long version, String status, String mergedInto,
                                String responsibleLocalAuthority, Shield shield,
                                List<SourceIdentifier> identifiers) {

    public static final String MERGED = "MERGED";

    /** The child is shielded since {@code since} (null when identity did not say), to be reviewed by the date. */
    public record Shield(Instant since, LocalDate reviewDate) {
    }
}
