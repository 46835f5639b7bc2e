package org.contactpoint.audit.repository.usage;

/**
 * The kinds of access a usage report counts, each a condition on one chained record: {@code service}, {@code action},
 * {@code outcome} and {@code e}, the chained event as jsonb. One definition serves the roll-up and the records after
 * its watermark, so that the two count alike.
 */
public enum UsageKind {

    /** A search or record view the gateway served (its FHIR facade's too). */
    LOOKUP("service = 'search-gateway' AND action IN ('SEARCH', 'VIEW_RECORD') AND outcome = 'SUCCESS'"),
    BREAK_GLASS("outcome = 'SUCCESS' AND e ->> 'breakGlassReason' IS NOT NULL"),
    SHIELDED("outcome = 'SUCCESS' AND coalesce((e ->> 'shieldedAccessed')::boolean, false)"),
    REFUSED("outcome IN ('DENIED', 'REJECTED')");

    private final String condition;

    UsageKind(String condition) {
        this.condition = condition;
    }

    /** The condition, in SQL over {@code service}, {@code action}, {@code outcome} and {@code e}. */
    String condition() {
        return condition;
    }

    /** The SQL that names the kinds a record is of: {@code (VALUES ('LOOKUP', <condition>), ...)}. */
    static String kindsOfRecord() {
        StringBuilder values = new StringBuilder("(VALUES ");
        for (UsageKind kind : values()) {
            values.append(kind.ordinal() == 0 ? "" : ", ").append("('").append(kind.name()).append("', ")
                    .append(kind.condition).append(')');
        }
        return values.append(')').toString();
    }
}
