package org.contactpoint.identity.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.contactpoint.identity.application.RegisterChild;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.IdentifierScheme;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.Whereabouts;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A child's record as a case-management or source system submits it (POST /children, the source-record feeds).
 *
 * @param address         the current or last known address; none means no known address (unless left England)
 * @param whereabouts     defaults to {@code CURRENT_ADDRESS} with an address, {@code NO_KNOWN_ADDRESS} without
 * @param intendsToReturn only with {@code LEFT_ENGLAND}: intends to return within three years
 * @param source          the submitting system, e.g. {@code HEALTH_DEMOGRAPHICS}; with {@code sourceId} the same
 *                        record always resolves to the same child
 * @param vulnerabilities set by a children's social care feed; left unchanged when absent
 */
public record RegisterChildRequest(
        @NotBlank @Size(max = 200) String givenNames,
        @NotBlank @Size(max = 200) String familyName,
        @NotNull @Past LocalDate dateOfBirth,
        @NotNull Gender gender,
        @Valid AddressRequest address,
        @Size(max = 20) String responsibleLocalAuthority,
        @Valid @Size(max = 10) List<ParentCarerRequest> parentsCarers,
        @Size(max = 60) @Pattern(regexp = "[A-Z0-9_]+", message = "must be upper-case letters, digits and _")
        String source,
        @Size(max = 100) String sourceId,
        @Size(max = 200) String preferredName,
        @Valid @Size(max = 20) List<FormerNameRequest> formerNames,
        Whereabouts.Kind whereabouts,
        Whereabouts.IntentionToReturn intendsToReturn,
        @Valid @Size(max = 10) List<IdentifierRequest> identifiers,
        @Size(max = 3) Set<Vulnerability> vulnerabilities) {

    /** The original nine-field shape. */
    public RegisterChildRequest(String givenNames, String familyName, LocalDate dateOfBirth, Gender gender,
                                AddressRequest address, String responsibleLocalAuthority,
                                List<ParentCarerRequest> parentsCarers, String source, String sourceId) {
        this(givenNames, familyName, dateOfBirth, gender, address, responsibleLocalAuthority, parentsCarers, source,
                sourceId, null, null, null, null, null, null);
    }

    /** The registration command this request asks for. */
    public RegisterChild toCommand() {
        return new RegisterChild(givenNames, familyName, dateOfBirth, gender, address(address),
                responsibleLocalAuthority, each(parentsCarers, RegisterChildRequest::parentCarer), source, sourceId,
                preferredName, each(formerNames, n -> new FormerName(n.givenNames(), n.familyName(), n.kind())),
                whereabouts, intendsToReturn,
                each(identifiers, i -> new RegisterChild.Identifier(i.scheme(), i.value(), i.source())),
                vulnerabilities);
    }

    static RegisterChild.ParentCarer parentCarer(ParentCarerRequest parent) {
        return new RegisterChild.ParentCarer(parent.name(), parent.relationship(), parent.parentalResponsibility(),
                parent.phone(), parent.email(), address(parent.address()));
    }

    /** Each element mapped; an absent list stays absent (a null element stays null, for the use case to refuse). */
    static <A, B> List<B> each(List<A> values, Function<A, B> mapping) {
        return values == null ? null : values.stream().map(v -> v == null ? null : mapping.apply(v)).toList();
    }

    static RegisterChild.Address address(AddressRequest address) {
        return address == null ? null : new RegisterChild.Address(address.lines(), address.town(), address.postcode());
    }

    /** A UK address; the postcode must be a valid UK postcode. */
    public record AddressRequest(
            @Size(max = 4) List<@NotBlank @Size(max = 200) String> lines,
            @Size(max = 100) String town,
            @NotBlank @Pattern(regexp = "(?i)^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$",
                    message = "must be a valid UK postcode") String postcode) {
    }

    public record ParentCarerRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 60) String relationship,
            boolean parentalResponsibility,
            @Size(max = 30) @Pattern(regexp = "^[0-9 +()-]{6,30}$", message = "must be a phone number") String phone,
            @Size(max = 254) @Email String email,
            @Valid AddressRequest address) {

        public ParentCarerRequest(String name, String relationship, boolean parentalResponsibility, String phone,
                                  String email) {
            this(name, relationship, parentalResponsibility, phone, email, null);
        }
    }

    /** A former legal name or an alias the child is known by. */
    public record FormerNameRequest(
            @Size(max = 200) String givenNames,
            @NotBlank @Size(max = 200) String familyName,
            @NotNull FormerName.Kind kind) {
    }

    /**
     * An identifier a source system holds for the child; {@code source} defaults to the record's source.
     * NHS numbers are checked with their mod 11 check digit.
     */
    public record IdentifierRequest(
            @NotNull IdentifierScheme scheme,
            @NotBlank @Size(max = 40) String value,
            @Size(max = 60) @Pattern(regexp = "[A-Z0-9_]+", message = "must be upper-case letters, digits and _")
            String source) {
    }
}
