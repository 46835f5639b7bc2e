package org.contactpoint.gateway.rest;

import jakarta.ws.rs.QueryParam;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.NhsNumbers;
import org.contactpoint.gateway.application.SearchQuery;
import org.contactpoint.gateway.domain.ChildIdentifier;
import org.contactpoint.gateway.domain.Gender;
import org.contactpoint.gateway.domain.Postcodes;
import org.contactpoint.gateway.domain.SearchCriteria;
import org.contactpoint.support.rest.Problem;
import org.contactpoint.support.rest.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search as the practitioner typed it, and the rules for what is enough to search on: a family name with a date
 * of birth (a day, a year-month, a year or a range), a family name with gender and postcode, a given name with a full
 * date of birth and postcode, or an exact identifier.
 */
public class SearchParameters {

    @QueryParam("familyName")
    public String familyName;
    @QueryParam("givenNames")
    public String givenNames;
    /** {@code 2016-03-14}, {@code 2016-03} or {@code 2016}. */
    @QueryParam("dateOfBirth")
    public String dateOfBirth;
    @QueryParam("dateOfBirthFrom")
    public String dateOfBirthFrom;
    @QueryParam("dateOfBirthTo")
    public String dateOfBirthTo;
    @QueryParam("gender")
    public String gender;
    @QueryParam("postcode")
    public String postcode;
    @QueryParam("contactPointId")
    public String contactPointId;
    @QueryParam("nhsNumber")
    public String nhsNumber;

    /** The parameters as received, for the audit record (blank ones left out). */
    public Map<String, String> asQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "familyName", familyName);
        put(query, "givenNames", givenNames);
        put(query, "dateOfBirth", dateOfBirth);
        put(query, "dateOfBirthFrom", dateOfBirthFrom);
        put(query, "dateOfBirthTo", dateOfBirthTo);
        put(query, "gender", gender);
        put(query, "postcode", postcode);
        put(query, "contactPointId", contactPointId);
        put(query, "nhsNumber", nhsNumber);
        return query;
    }

    /**
     * The search to run: an exact identifier when one is given (a ContactPoint ID before an NHS number), otherwise the
     * demographic criteria; or a 400 that says what to add or correct.
     */
    public SearchQuery query() {
        Optional<ChildIdentifier> identifier = identifier();
        return identifier.isPresent()
                ? SearchQuery.byIdentifier(asQuery(), identifier.get())
                : SearchQuery.byCriteria(asQuery(), criteria());
    }

    private Optional<ChildIdentifier> identifier() {
        if (present(contactPointId)) {
            String id = contactPointId.trim().toUpperCase();
            if (!ContactPointIds.isValid(id)) {
                throw ProblemException.invalidField("contactPointId",
                        "is not a ContactPoint ID: CP followed by 10 digits, the last a check digit (check for a typo)");
            }
            return Optional.of(ChildIdentifier.contactPointId(id));
        }
        if (present(nhsNumber)) {
            String nhs = NhsNumbers.normalise(nhsNumber.trim());
            if (nhs == null) {
                throw ProblemException.invalidField("nhsNumber",
                        "is not an NHS number: 10 digits, the last a check digit (check for a typo)");
            }
            return Optional.of(ChildIdentifier.nhsNumber(nhs));
        }
        return Optional.empty();
    }

    /** The demographic criteria, or a 400 that says what to add or correct. */
    private SearchCriteria criteria() {
        String family = present(familyName) ? familyName.trim() : null;
        if (family != null && (family.length() > 100 || !family.codePoints().anyMatch(Character::isLetter))) {
            throw ProblemException.invalidField("familyName", "must contain letters and be at most 100 characters");
        }
        String given = present(givenNames) ? givenNames.trim() : null;
        if (given != null && given.length() > 100) {
            throw ProblemException.invalidField("givenNames", "must be at most 100 characters");
        }
        String sex = null;
        if (present(gender)) {
            sex = gender.trim().toUpperCase();
            if (Arrays.stream(Gender.values()).noneMatch(g -> g.name().equals(gender.trim().toUpperCase()))) {
                throw ProblemException.invalidField("gender",
                        "must be one of " + Arrays.toString(Gender.values()));
            }
        }
        String code = null;
        if (present(postcode)) {
            code = Postcodes.compact(postcode);
            if (!Postcodes.isPlausible(code)) {
                throw ProblemException.invalidField("postcode", "is not a UK postcode");
            }
        }
        LocalDate from = null;
        LocalDate to = null;
        boolean exactBirthday = false;
        if (present(dateOfBirth)) {
            if (present(dateOfBirthFrom) || present(dateOfBirthTo)) {
                throw ProblemException.invalidField("dateOfBirth",
                        "give either dateOfBirth or the range dateOfBirthFrom and dateOfBirthTo, not both");
            }
            String text = dateOfBirth.trim();
            try {
                if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    from = to = LocalDate.parse(text);
                    exactBirthday = true;
                } else if (text.matches("\\d{4}-\\d{2}")) {
                    YearMonth month = YearMonth.parse(text);
                    from = month.atDay(1);
                    to = month.atEndOfMonth();
                } else if (text.matches("\\d{4}")) {
                    from = LocalDate.of(Integer.parseInt(text), 1, 1);
                    to = LocalDate.of(Integer.parseInt(text), 12, 31);
                } else {
                    throw ProblemException.invalidField("dateOfBirth",
                            "must be a date (2016-03-14), a year-month (2016-03) or a year (2016)");
                }
            } catch (DateTimeException e) {
                throw ProblemException.invalidField("dateOfBirth", "is not a real date");
            }
        } else if (present(dateOfBirthFrom) || present(dateOfBirthTo)) {
            if (!present(dateOfBirthFrom) || !present(dateOfBirthTo)) {
                throw ProblemException.invalidField(present(dateOfBirthFrom) ? "dateOfBirthTo" : "dateOfBirthFrom",
                        "a date-of-birth range needs both dateOfBirthFrom and dateOfBirthTo");
            }
            from = date("dateOfBirthFrom", dateOfBirthFrom);
            to = date("dateOfBirthTo", dateOfBirthTo);
            if (to.isBefore(from)) {
                throw ProblemException.invalidField("dateOfBirthTo", "must not be before dateOfBirthFrom");
            }
            // A wide range with a common family name would list a whole cohort: harvesting, not a lookup.
            if (to.isAfter(from.plusYears(1))) {
                throw ProblemException.invalidField("dateOfBirthTo",
                        "a date-of-birth range may span at most one year from dateOfBirthFrom");
            }
        }

        if (family == null && given != null && exactBirthday && code != null) {
            // Without a family name (not known, or spelt beyond recognition): a given name, a full date of birth and
            // a postcode, which never finds a shielded child.
            return new SearchCriteria(null, given, from, to, true, sex, code);
        }
        if (family == null) {
            throw new ProblemException(400, "Not enough to search on",
                    "Add a family name, with a date of birth or with gender and postcode (or a given name with a full "
                            + "date of birth and postcode); or search by an exact identifier (contactPointId or "
                            + "nhsNumber)",
                    List.of(new Problem.FieldError("familyName", "is needed for a search by name")));
        }
        if (from == null && (sex == null || code == null)) {
            List<Problem.FieldError> missing = new ArrayList<>();
            missing.add(new Problem.FieldError("dateOfBirth", "add a date of birth (a date, a year-month or a range)"));
            if (sex == null) {
                missing.add(new Problem.FieldError("gender", "or add gender and postcode"));
            }
            if (code == null) {
                missing.add(new Problem.FieldError("postcode", "or add postcode and gender"));
            }
            throw new ProblemException(400, "Not enough to search on",
                    "A family name alone is not enough: add a date of birth, or add gender and postcode", missing);
        }
        return new SearchCriteria(family, given, from, to, exactBirthday, sex, code);
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "must be a date such as 2016-03-14");
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (present(value)) {
            query.put(name, value);
        }
    }
}
