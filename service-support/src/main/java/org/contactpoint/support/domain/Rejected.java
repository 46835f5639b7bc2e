package org.contactpoint.support.domain;

import java.util.List;

/**
 * The command is not acceptable as it stands: a field is wrong (named, with the reason) or the request as a whole is.
 * Answered as 400.
 */
public final class Rejected extends DomainException {

    /** A field of the command that was wrong, named by its JSON path (e.g. {@code parentsCarers[0].email}). */
    public record FieldError(String field, String reason) {
    }

    private final List<FieldError> errors;

    private Rejected(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = errors;
    }

    /** One field is wrong. */
    public static Rejected field(String field, String reason) {
        return new Rejected(field + ": " + reason, List.of(new FieldError(field, reason)));
    }

    /** Several fields are wrong; the detail lists them all. */
    public static Rejected fields(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.reason()).toList());
        return new Rejected(detail, List.copyOf(errors));
    }

    /** The request as a whole is wrong (no one field to blame). */
    public static Rejected request(String detail) {
        return new Rejected(detail, List.of());
    }

    /** The fields that were wrong; empty when the request as a whole was. */
    public List<FieldError> errors() {
        return errors;
    }
}
