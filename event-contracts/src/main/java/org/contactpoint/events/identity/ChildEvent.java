package org.contactpoint.events.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.ContactPointIds;
import org.contactpoint.events.Contract;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one child after a change (event-carried state transfer). Consumers keep the highest {@link #version}
 * they have seen and drop anything older, so redelivery and reordering cannot roll a child back.
 * <p>
 * A sealed link between an old and a new identity (adoption, protection) is never carried here.
 *
 * @param contactPointId the child's ContactPoint ID (also the record key)
 * @param version        increases by one with every change to this child
 * @param status         lifecycle state; a {@code MERGED} child resolves to {@link #mergedInto}
 * @param mergedInto     the final surviving child's ContactPoint ID when {@code status} is {@code MERGED}: when a
 *                       survivor is itself merged later, identity publishes every child merged into it again with
 *                       the new survivor, so no consumer ever follows a chain
 * @param shield         present while the child is shielded: downstream stores must withhold location details
 * @param vulnerabilities children's social care flags used by targeted mode and access notification
 * @param previousResponsibleLocalAuthority on {@code moved-local-authority} events only: the authority the child
 *                                          moved from, so the old and the new authority both learn of the move
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildEvent(
        String contactPointId,
        long version,
        ChildStatus status,
        String mergedInto,
        PersonName name,
        List<FormerName> formerNames,
        String preferredName,
        LocalDate dateOfBirth,
        Gender gender,
        LocalDate dateOfDeath,
        Whereabouts whereabouts,
        List<ParentCarer> parentsCarers,
        List<SourceIdentifier> identifiers,
        String responsibleLocalAuthority,
        Shield shield,
        List<Vulnerability> vulnerabilities,
        Instant occurredAt,
        String previousResponsibleLocalAuthority) implements Contract {

    /** The original shape, kept so producers and tests written against it still compile. */
    public ChildEvent(String contactPointId, long version, ChildStatus status, String mergedInto, PersonName name,
                      List<FormerName> formerNames, String preferredName, LocalDate dateOfBirth, Gender gender,
                      LocalDate dateOfDeath, Whereabouts whereabouts, List<ParentCarer> parentsCarers,
                      List<SourceIdentifier> identifiers, String responsibleLocalAuthority, Shield shield,
                      List<Vulnerability> vulnerabilities, Instant occurredAt) {
        this(contactPointId, version, status, mergedInto, name, formerNames, preferredName, dateOfBirth, gender,
                dateOfDeath, whereabouts, parentsCarers, identifiers, responsibleLocalAuthority, shield,
                vulnerabilities, occurredAt, null);
    }

    /** The rules every reader relies on: the ID is well formed, versioned, with a status; a merge names its survivor. */
    @Override
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (!ContactPointIds.isValid(contactPointId)) {
            violations.add("contactPointId is missing or has a wrong check digit");
        }
        if (version < 1) {
            violations.add("version must be at least 1");
        }
        if (status == null) {
            violations.add("status is required");
        }
        if (status == ChildStatus.MERGED && !ContactPointIds.isValid(mergedInto)) {
            violations.add("a MERGED child needs mergedInto, a ContactPoint ID");
        }
        return violations;
    }

    @Override
    public String expectedKey() {
        return contactPointId;
    }

    public enum ChildStatus { ACTIVE, DECEASED, ARCHIVED, MERGED, CLOSED }

    public enum Gender { FEMALE, MALE, INDETERMINATE, NOT_SPECIFIED }

    public enum Vulnerability { CHILD_PROTECTION_PLAN, LOOKED_AFTER, CHILDRENS_SOCIAL_CARE_FLAG }

    public record PersonName(String givenNames, String familyName) {
    }

    /** A name the child was known by: a former legal name or an alias. */
    public record FormerName(String givenNames, String familyName, Kind kind) {
        public enum Kind { FORMER, ALIAS }
    }

    /**
     * Where the child is: a current or last known address, no known address, or left England (with whether they
     * intend to return within three years).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Whereabouts(Kind kind, Address address, IntentionToReturn intendsToReturn) {
        public enum Kind { CURRENT_ADDRESS, LAST_KNOWN_ADDRESS, NO_KNOWN_ADDRESS, LEFT_ENGLAND }

        public enum IntentionToReturn { YES, NO, UNKNOWN }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(List<String> lines, String town, String postcode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                              String email, Address address) {
    }

    /** An identifier a source system holds for the child, e.g. {@code NHS_NUMBER}, {@code UPN}, {@code LA_CASE_ID}. */
    public record SourceIdentifier(String scheme, String value, String source) {
    }

    /** The child is shielded since {@code since}, to be reviewed by {@code reviewDate}. The reason stays in identity. */
    public record Shield(Instant since, LocalDate reviewDate) {
    }
}
