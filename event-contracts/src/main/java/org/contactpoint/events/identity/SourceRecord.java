package org.contactpoint.events.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.Contract;

import java.net.IDN;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A child's record as a source system (health demographics, school census, a local authority, benefits, children's
 * social care) submits it for matching: the value on {@code identity.source-records.v1} (key: {@code sourceId}, header
 * {@code ce_type} = {@link #TYPE}) and the body of identity-service's {@code POST /source-records}. identity-service
 * owns this contract. A record that cannot be applied goes to {@code identity.source-records.v1.dlq} with the reason
 * in the {@code dead-letter-reason} header.
 *
 * @param source          the submitting system, upper case, e.g. {@code SCHOOL_CENSUS}
 * @param sourceId        the source's own id for the record: the same (source, sourceId) is always the same child
 * @param whereabouts     defaults to {@code CURRENT_ADDRESS} with an address, {@code NO_KNOWN_ADDRESS} without
 * @param intendsToReturn only with {@code LEFT_ENGLAND}
 * @param identifiers     NHS number (mod 11 checked), UPN, LA case id; each source defaults to {@code source}
 * @param vulnerabilities only from a children's social care feed; absent means unchanged
 *                        <p>
 *                        {@link #violations()} are the checks on each field by itself, in the words identity-service's
 *                        {@code POST /source-records} answers with: {@code field: reason}, ordered by field. The rules
 *                        that span fields (whereabouts and address, an NHS number's check digit, an age under 18) are
 *                        identity-service's, applied when the record is matched.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRecord(
        String source,
        String sourceId,
        String givenNames,
        String familyName,
        String preferredName,
        List<ChildEvent.FormerName> formerNames,
        LocalDate dateOfBirth,
        ChildEvent.Gender gender,
        ChildEvent.Whereabouts.Kind whereabouts,
        ChildEvent.Whereabouts.IntentionToReturn intendsToReturn,
        ChildEvent.Address address,
        List<ChildEvent.ParentCarer> parentsCarers,
        List<Identifier> identifiers,
        String responsibleLocalAuthority,
        List<ChildEvent.Vulnerability> vulnerabilities) implements Contract {

    /** The CloudEvents type of a source record on the feed topic. */
    public static final String TYPE = "identity.source-record.submitted.v1";

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]+");
    private static final String CODE_REASON = "must be upper-case letters, digits and _";
    private static final Pattern POSTCODE = Pattern.compile("(?i)^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$");
    private static final Pattern PHONE = Pattern.compile("^[0-9 +()-]{6,30}$");
    private static final String ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]";
    private static final String QUOTED = "(?:[a-z0-9!#$%&'*.(),<>\\[\\]:;  @+/=?^_`{|}~\u0080-\uFFFF-]|\\\\\\\\|\\\\\")";
    private static final Pattern EMAIL_LOCAL_PART = Pattern.compile("(?:" + ATOM + "+|\"" + QUOTED + "+\")(?:\\.(?:"
            + ATOM + "+|\"" + QUOTED + "+\"))*", Pattern.CASE_INSENSITIVE);
    private static final String LABEL = "\\p{Alnum}(?>[\\p{Alnum}-]{0,61}\\p{Alnum})?";
    private static final Pattern EMAIL_DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*"
            + "|\\[[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\]", Pattern.CASE_INSENSITIVE);

    /**
     * The checks a record passes before it is matched, the same ones and in the same words as a REST submission's:
     * {@code field: reason}, ordered by field and reason; empty when there is nothing wrong with any field by itself.
     */
    @Override
    public List<String> violations() {
        Checks checks = new Checks();
        checks.notBlank("givenNames", givenNames).size("givenNames", givenNames, 200);
        checks.notBlank("familyName", familyName).size("familyName", familyName, 200);
        checks.notNull("dateOfBirth", dateOfBirth);
        if (dateOfBirth != null && !dateOfBirth.isBefore(LocalDate.now())) {
            checks.add("dateOfBirth", "must be a past date");
        }
        checks.notNull("gender", gender);
        checks.address("address", address);
        checks.size("responsibleLocalAuthority", responsibleLocalAuthority, 20);
        checks.size("parentsCarers", parentsCarers, 10);
        if (parentsCarers != null) {
            for (int i = 0; i < parentsCarers.size(); i++) {
                ChildEvent.ParentCarer parent = parentsCarers.get(i);
                if (parent == null) {
                    continue;
                }
                String at = "parentsCarers[" + i + "].";
                checks.notBlank(at + "name", parent.name()).size(at + "name", parent.name(), 200);
                checks.notBlank(at + "relationship", parent.relationship())
                        .size(at + "relationship", parent.relationship(), 60);
                checks.size(at + "phone", parent.phone(), 30).pattern(at + "phone", parent.phone(), PHONE,
                        "must be a phone number");
                checks.size(at + "email", parent.email(), 254);
                if (!isEmail(parent.email())) {
                    checks.add(at + "email", "must be a well-formed email address");
                }
                checks.address(at + "address", parent.address());
            }
        }
        checks.size("source", source, 60).pattern("source", source, CODE, CODE_REASON);
        checks.size("sourceId", sourceId, 100);
        checks.size("preferredName", preferredName, 200);
        checks.size("formerNames", formerNames, 20);
        if (formerNames != null) {
            for (int i = 0; i < formerNames.size(); i++) {
                ChildEvent.FormerName name = formerNames.get(i);
                if (name == null) {
                    continue;
                }
                String at = "formerNames[" + i + "].";
                checks.size(at + "givenNames", name.givenNames(), 200);
                checks.notBlank(at + "familyName", name.familyName()).size(at + "familyName", name.familyName(), 200);
                checks.notNull(at + "kind", name.kind());
            }
        }
        checks.size("identifiers", identifiers, 10);
        if (identifiers != null) {
            for (int i = 0; i < identifiers.size(); i++) {
                Identifier identifier = identifiers.get(i);
                if (identifier == null) {
                    continue;
                }
                String at = "identifiers[" + i + "].";
                checks.notNull(at + "scheme", identifier.scheme());
                checks.notBlank(at + "value", identifier.value()).size(at + "value", identifier.value(), 40);
                checks.size(at + "source", identifier.source(), 60)
                        .pattern(at + "source", identifier.source(), CODE, CODE_REASON);
            }
        }
        // Three flags exist, and a flag named twice is one flag: there is no "too many" to check.
        if (source == null) {
            checks.add("source", "is required for a source record");
        }
        if (sourceId == null || sourceId.isBlank()) {
            checks.add("sourceId", "is required for a source record");
        }
        return checks.inFieldOrder();
    }

    /** An e-mail address as a REST body's {@code @Email} accepts it (null and empty are not checked). */
    private static boolean isEmail(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.length() > 64 || !EMAIL_LOCAL_PART.matcher(local).matches() || domain.endsWith(".")) {
            return false;
        }
        try {
            String ascii = IDN.toASCII(domain);
            return ascii.length() <= 255 && EMAIL_DOMAIN.matcher(ascii).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The field-by-field checks, each failure as {@code field: reason}. */
    private static final class Checks {
        private record Failure(String field, String reason) {
        }

        private final List<Failure> failures = new ArrayList<>();

        void add(String field, String reason) {
            failures.add(new Failure(field, reason));
        }

        Checks notNull(String field, Object value) {
            if (value == null) {
                add(field, "must not be null");
            }
            return this;
        }

        Checks notBlank(String field, String value) {
            if (value == null || value.isBlank()) {
                add(field, "must not be blank");
            }
            return this;
        }

        Checks size(String field, String value, int max) {
            if (value != null && value.length() > max) {
                add(field, "size must be between 0 and " + max);
            }
            return this;
        }

        Checks size(String field, List<?> value, int max) {
            if (value != null && value.size() > max) {
                add(field, "size must be between 0 and " + max);
            }
            return this;
        }

        Checks pattern(String field, String value, Pattern pattern, String reason) {
            if (value != null && !pattern.matcher(value).matches()) {
                add(field, reason);
            }
            return this;
        }

        void address(String field, ChildEvent.Address address) {
            if (address == null) {
                return;
            }
            size(field + ".lines", address.lines(), 4);
            if (address.lines() != null) {
                for (int i = 0; i < address.lines().size(); i++) {
                    String line = field + ".lines[" + i + "].<list element>";
                    notBlank(line, address.lines().get(i)).size(line, address.lines().get(i), 200);
                }
            }
            size(field + ".town", address.town(), 100);
            notBlank(field + ".postcode", address.postcode())
                    .pattern(field + ".postcode", address.postcode(), POSTCODE, "must be a valid UK postcode");
        }

        List<String> inFieldOrder() {
            return failures.stream().sorted(Comparator.comparing(Failure::field).thenComparing(Failure::reason))
                    .map(f -> f.field() + ": " + f.reason()).toList();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identifier(Scheme scheme, String value, String source) {
        public enum Scheme { NHS_NUMBER, UPN, LA_CASE_ID }
    }
}
