package org.contactpoint.identity.domain;

import java.time.Instant;

/**
 * Which of the sources that describe a child decides each of its fields (issue 18): a linked source record keeps
 * the child current instead of adding only its identifiers. The rule, per field:
 * <ol>
 *   <li>a local authority's own edit ({@code PATCH /children/{id}}) wins over every feed until the authority edits
 *       it again: a feed never overwrites what a person who knows the child corrected;</li>
 *   <li>otherwise the most recent record from a trusted source wins (records are applied in the order they arrive,
 *       so a trusted source's record replaces the value in force);</li>
 *   <li>a record from a source that is not trusted and says something else is a conflict the rule cannot settle:
 *       the value in force stays and a person decides (the field conflict is queued with its reason).</li>
 * </ol>
 * Every assertion is kept with its outcome, so the child's record can show which source said what, and when.
 */
public final class Survivorship {

    /** The source name of a local authority's own edit. */
    public static final String LOCAL_AUTHORITY_EDIT = "LOCAL_AUTHORITY_EDIT";

    /** The fields a source record keeps current. */
    public enum Field { ADDRESS, NAMES, PARENTS_CARERS }

    /** What became of one source's assertion about one field. */
    public enum Outcome {
        /** It is the value in force now. */
        APPLIED,
        /** Recorded, but the value in force stays (a local authority's edit wins). */
        KEPT,
        /** Recorded, the value in force stays, and a person decides: in the review queue with its reason. */
        CONFLICT
    }

    public record Verdict(Outcome outcome, String reason) {
    }

    private Survivorship() {
    }

    /**
     * What a source's new value for a field does against the value in force.
     *
     * @param inForceSource who gave the value in force; null when no source is recorded for it (a child recorded
     *                      before provenance was kept)
     * @param inForceAt     when that was
     * @param trusted       whether {@code source} is a trusted source
     */
    public static Verdict decide(Field field, String inForceSource, Instant inForceAt, String source,
                                 boolean trusted) {
        if (LOCAL_AUTHORITY_EDIT.equals(inForceSource)) {
            return new Verdict(Outcome.KEPT, "the local authority's own edit of " + inForceAt
                    + " wins over feeds");
        }
        if (trusted) {
            return new Verdict(Outcome.APPLIED, "the most recent record of a trusted source");
        }
        return new Verdict(Outcome.CONFLICT, source + " is not a trusted source and its " + describe(field)
                + " differs from the one in force" + (inForceSource == null ? ""
                : " (from " + inForceSource + ", " + inForceAt + ")") + ": a person decides");
    }

    private static String describe(Field field) {
        return switch (field) {
            case ADDRESS -> "address";
            case NAMES -> "name";
            case PARENTS_CARERS -> "list of parents and carers";
        };
    }
}
