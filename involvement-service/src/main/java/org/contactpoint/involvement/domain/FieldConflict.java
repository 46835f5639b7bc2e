package org.contactpoint.involvement.domain;

/**
 * A submission that clashes with what is held, on one field the submitter can change (a second lead professional, a
 * source identifier that names more than one child). Answered as 409 naming the field; dead-lettered with the detail.
 * The shared {@code Conflict} names no field, and submitters rely on {@code errors[0].field} here.
 */
public class FieldConflict extends RuntimeException {

    private final String field;
    private final String reason;

    public FieldConflict(String detail, String field, String reason) {
        super(detail);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
