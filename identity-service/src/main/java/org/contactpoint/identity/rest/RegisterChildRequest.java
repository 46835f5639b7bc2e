package org.contactpoint.identity.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.contactpoint.events.identity.ChildEvent;

import java.time.LocalDate;
import java.util.List;

/** A child's record as a case-management or source system submits it. */
public record RegisterChildRequest(
        @NotBlank @Size(max = 200) String givenNames,
        @NotBlank @Size(max = 200) String familyName,
        @NotNull @Past LocalDate dateOfBirth,
        @NotNull ChildEvent.Gender gender,
        @Valid AddressRequest address,
        @Size(max = 20) String responsibleLocalAuthority,
        @Valid @Size(max = 10) List<ParentCarerRequest> parentsCarers,
        @Size(max = 60) @Pattern(regexp = "[A-Z0-9_]+", message = "must be upper-case letters, digits and _")
        String source,
        @Size(max = 100) String sourceId) {

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
            @Size(max = 254) @Email String email) {
    }
}
