package org.contactpoint.gateway.rest.fhir;

import org.contactpoint.gateway.application.SearchQuery;
import org.contactpoint.gateway.rest.SearchParameters;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR Patient search (IHE PDQm) read into the JSON API's {@link SearchParameters}, so the two share one set of
 * rules for what is enough to search on: a FHIR search is never wider than the JSON API's. Errors name the FHIR
 * parameter. Unknown parameters and modifiers are refused rather than ignored (ignoring one would widen a search).
 */
final class FhirSearchParameters {

    /** The ContactPoint ID's identifier system (documented in the gateway README). */
    static final String CONTACT_POINT_ID_SYSTEM = "https://contactpoint.example/Id/contact-point-id";
    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    static final Set<String> SEARCH_PARAMETERS = Set.of("name", "given", "family", "birthdate", "gender",
            "address-postalcode", "identifier");
    /** Result parameters: {@code _count} and {@code _offset} page within the capped answer; the rest are ignored. */
    static final Set<String> RESULT_PARAMETERS = Set.of("_count", "_offset", "_format", "_pretty");

    private static final Pattern DATE = Pattern.compile("(eq|ge|gt|le|lt)?(\\d{4}(-\\d{2}(-\\d{2})?)?)");

    /** JSON API field names to the FHIR parameters they came from, for error messages. */
    private static final Map<String, String> FHIR_NAMES = Map.of(
            "familyName", "family", "givenNames", "given", "dateOfBirth", "birthdate",
            "dateOfBirthFrom", "birthdate", "dateOfBirthTo", "birthdate", "gender", "gender",
            "postcode", "address-postalcode", "contactPointId", "identifier", "nhsNumber", "identifier");

    private static final String[][] TRANSLATIONS = {
            {"dateOfBirthFrom", "birthdate=ge"}, {"dateOfBirthTo", "birthdate=le"}, {"dateOfBirth", "birthdate"},
            {"familyName", "family"}, {"givenNames", "given"}, {"postcode", "address-postalcode"},
            {"contactPointId", "identifier"}, {"nhsNumber", "identifier"}};

    private FhirSearchParameters() {
    }

    /**
     * The search to run.
     *
     * @param parameters every parameter as received (query string and form body), each with all its values
     */
    static SearchQuery query(Map<String, List<String>> parameters) {
        SearchParameters search = new SearchParameters();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (RESULT_PARAMETERS.contains(name)) {
                continue;
            }
            if (!SEARCH_PARAMETERS.contains(name)) {
                throw ProblemException.invalidField(name, "is not a supported Patient search parameter; use "
                        + String.join(", ", SEARCH_PARAMETERS.stream().sorted().toList()));
            }
            List<String> values = parameter.getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
            if (values.isEmpty()) {
                continue;
            }
            if (!name.equals("birthdate") && values.size() > 1) {
                throw ProblemException.invalidField(name, "may be given once");
            }
            String value = values.get(0).trim();
            switch (name) {
                case "family" -> search.familyName = value;
                case "given" -> search.givenNames = value;
                case "name" -> name(search, value);
                case "gender" -> search.gender = gender(value);
                case "address-postalcode" -> search.postcode = value;
                case "identifier" -> identifier(search, value);
                case "birthdate" -> birthdate(search, values);
                default -> throw new IllegalStateException(name);
            }
        }
        try {
            return search.query();
        } catch (ProblemException e) {
            throw inFhirTerms(e);
        }
    }

    /**
     * {@code name} matches any part of a name: with no {@code family} it is read as given names then a family name
     * (the last word), which the search also tries swapped.
     */
    private static void name(SearchParameters search, String value) {
        if (search.familyName != null) {
            search.givenNames = search.givenNames == null ? value : search.givenNames;
            return;
        }
        int last = value.lastIndexOf(' ');
        if (last < 0) {
            search.familyName = value;
        } else {
            search.familyName = value.substring(last + 1);
            if (search.givenNames == null) {
                search.givenNames = value.substring(0, last).trim();
            }
        }
    }

    static String gender(String value) {
        return switch (value) {
            case "female" -> "FEMALE";
            case "male" -> "MALE";
            case "other" -> "INDETERMINATE";
            case "unknown" -> "NOT_SPECIFIED";
            default -> throw ProblemException.invalidField("gender", "must be one of female, male, other, unknown");
        };
    }

    private static void identifier(SearchParameters search, String value) {
        int bar = value.indexOf('|');
        String system = bar < 0 ? "" : value.substring(0, bar);
        String code = value.substring(bar + 1).trim();
        switch (system) {
            case NHS_NUMBER_SYSTEM -> search.nhsNumber = code;
            case CONTACT_POINT_ID_SYSTEM -> search.contactPointId = code;
            default -> throw ProblemException.invalidField("identifier", "must be " + NHS_NUMBER_SYSTEM
                    + "|<NHS number> or " + CONTACT_POINT_ID_SYSTEM + "|<ContactPoint ID>");
        }
    }

    /**
     * {@code birthdate=2016-03-14} (or a month, or a year) is the JSON API's dateOfBirth; {@code ge}/{@code gt} and
     * {@code le}/{@code lt} bound a range, as its dateOfBirthFrom and dateOfBirthTo.
     */
    private static void birthdate(SearchParameters search, List<String> values) {
        for (String text : values) {
            Matcher date = DATE.matcher(text.trim());
            if (!date.matches()) {
                throw ProblemException.invalidField("birthdate", "must be a date (2016-03-14), a year-month "
                        + "(2016-03) or a year (2016), with an optional prefix eq, ge, gt, le or lt");
            }
            String prefix = date.group(1) == null ? "eq" : date.group(1);
            String value = date.group(2);
            LocalDate first;
            LocalDate last;
            try {
                if (value.length() == 10) {
                    first = last = LocalDate.parse(value);
                } else if (value.length() == 7) {
                    YearMonth month = YearMonth.parse(value);
                    first = month.atDay(1);
                    last = month.atEndOfMonth();
                } else {
                    first = LocalDate.of(Integer.parseInt(value), 1, 1);
                    last = LocalDate.of(Integer.parseInt(value), 12, 31);
                }
            } catch (DateTimeException e) {
                throw ProblemException.invalidField("birthdate", "is not a real date");
            }
            switch (prefix) {
                case "eq" -> search.dateOfBirth = once(search.dateOfBirth, value);
                case "ge" -> search.dateOfBirthFrom = once(search.dateOfBirthFrom, first.toString());
                case "gt" -> search.dateOfBirthFrom = once(search.dateOfBirthFrom, last.plusDays(1).toString());
                case "le" -> search.dateOfBirthTo = once(search.dateOfBirthTo, last.toString());
                case "lt" -> search.dateOfBirthTo = once(search.dateOfBirthTo, first.minusDays(1).toString());
                default -> throw new IllegalStateException(prefix);
            }
        }
    }

    private static String once(String held, String value) {
        if (held != null) {
            throw ProblemException.invalidField("birthdate", "give one lower and one upper bound, or one date");
        }
        return value;
    }

    /** The same refusal, naming the FHIR parameters instead of the JSON API's. */
    static ProblemException inFhirTerms(ProblemException e) {
        String detail = e.getMessage();
        List<Problem.FieldError> errors = e.errors() == null ? null : e.errors().stream()
                .map(error -> new Problem.FieldError(FHIR_NAMES.getOrDefault(error.field(), error.field()),
                        translate(error.reason())))
                .toList();
        return new ProblemException(e.status(), e.title(), translate(detail), errors);
    }

    private static String translate(String text) {
        if (text == null) {
            return null;
        }
        String translated = text;
        // Longest names first: dateOfBirthFrom before dateOfBirth.
        for (String[] name : TRANSLATIONS) {
            translated = translated.replace(name[0], name[1]);
        }
        return translated;
    }
}
