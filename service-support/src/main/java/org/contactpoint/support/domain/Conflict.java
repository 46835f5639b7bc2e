package org.contactpoint.support.domain;

import java.util.List;

/**
 * The command clashes with the state it would change (already merged, already a lead, a stale version). 409. When the
 * submitter can resolve it by changing one field (a second lead professional), the conflict names that field.
 */
public final class Conflict extends DomainException {

    private final List<Rejected.FieldError> errors;

    public Conflict(String detail) {
        this(detail, List.of());
    }

    private Conflict(String detail, List<Rejected.FieldError> errors) {
        super(detail);
        this.errors = errors;
    }

    /** A clash on one field the submitter can change, named in the answer's {@code errors}. */
    public static Conflict onField(String detail, String field, String reason) {
        return new Conflict(detail, List.of(new Rejected.FieldError(field, reason)));
    }

    /** The field the clash is on; empty when it is the state as a whole. */
    public List<Rejected.FieldError> errors() {
        return errors;
    }
}
