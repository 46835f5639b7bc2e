package org.contactpoint.events.identity;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;

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
        List<ChildEvent.Vulnerability> vulnerabilities) {

    /** The CloudEvents type of a source record on the feed topic. */
    public static final String TYPE = "identity.source-record.submitted.v1";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identifier(Scheme scheme, String value, String source) {
        public enum Scheme { NHS_NUMBER, UPN, LA_CASE_ID }
    }
}
