package org.contactpoint.identity.application;

import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.Whereabouts;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A child's record to be matched into one identity, as a case-management system, a source system's REST call or a
 * feed record submitted it. Its fields have already passed their own checks (lengths, formats); the rules that span
 * fields are the use case's. Kept with the match decision as submitted (this shape is the stored JSON), so a review
 * can apply it later.
 *
 * @param address         the current or last known address; none means no known address (unless left England)
 * @param whereabouts     defaults to {@code CURRENT_ADDRESS} with an address, {@code NO_KNOWN_ADDRESS} without
 * @param intendsToReturn only with {@code LEFT_ENGLAND}
 * @param source          the submitting system; with {@code sourceId} the same record always resolves to the same child
 * @param vulnerabilities set by a children's social care feed; left unchanged when null
 */
public record RegisterChild(
        String givenNames,
        String familyName,
        LocalDate dateOfBirth,
        Gender gender,
        Address address,
        String responsibleLocalAuthority,
        List<ParentCarer> parentsCarers,
        String source,
        String sourceId,
        String preferredName,
        List<FormerName> formerNames,
        Whereabouts.Kind whereabouts,
        Whereabouts.IntentionToReturn intendsToReturn,
        List<Identifier> identifiers,
        Set<Vulnerability> vulnerabilities) {

    /** An address as submitted: the postcode is put in normal form when the child is recorded. */
    public record Address(List<String> lines, String town, String postcode) {
    }

    public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                              String email, Address address) {
    }

    /** An identifier the submitting system holds; {@code source} defaults to the record's source. */
    public record Identifier(IdentifierScheme scheme, String value, String source) {
    }
}
