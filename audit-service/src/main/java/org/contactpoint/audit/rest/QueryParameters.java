package org.contactpoint.audit.rest;

import org.contactpoint.events.ContactPointIds;
import org.contactpoint.support.rest.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads query parameters strictly: a value that cannot be understood is a 400 naming the parameter. */
final class QueryParameters {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,100}");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private QueryParameters() {
    }

    /** A ContactPoint ID, its check digit included: a mistyped ID is refused, not answered with nothing. */
    static String childId(String name, String value) {
        String id = blankToNull(value);
        if (id != null && !ContactPointIds.isValid(id)) {
            throw ProblemException.invalidField(name,
                    "must be a ContactPoint ID: CP followed by 10 digits, the last a check digit");
        }
        return id;
    }

    /** A code such as an action or purpose: letters, digits, '_' and '-'. */
    static String code(String name, String value) {
        String code = blankToNull(value);
        if (code != null && !CODE.matcher(code).matches()) {
            throw ProblemException.invalidField(name, "must be letters, digits, '_' or '-' (at most 100)");
        }
        return code;
    }

    static String text(String name, String value) {
        String text = blankToNull(value);
        if (text != null && text.length() > 255) {
            throw ProblemException.invalidField(name, "must be at most 255 characters");
        }
        return text;
    }

    /**
     * An instant ({@code 2026-11-22T09:00:00Z}) or a date ({@code 2026-11-22}, a London day: from its start, or for
     * an upper bound up to the start of the next day).
     */
    static Instant instant(String name, String value, boolean upperBound) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (upperBound ? day.plusDays(1) : day).atStartOfDay(LONDON).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date (2026-11-22) or an instant (2026-11-22T09:00:00Z)");
        }
    }

    static int integer(String name, String value, int defaultValue, int min, int max) {
        String text = blankToNull(value);
        if (text == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(text);
            if (number < min || number > max) {
                throw ProblemException.invalidField(name, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number between " + min + " and " + max);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
