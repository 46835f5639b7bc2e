package org.contactpoint.identity.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.contactpoint.identity.application.ChildChanges;
import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.RetentionReason;
import org.contactpoint.identity.domain.Vulnerability;
import org.contactpoint.identity.domain.Whereabouts;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Request bodies of the lifecycle endpoints. */
public final class LifecycleRequests {

    private LifecycleRequests() {
    }

    /**
     * A correction or change to a child's record; absent fields stay as they are. A changed name keeps the old one
     * as a former name. Any whereabouts field replaces the whereabouts as a whole.
     */
    public record UpdateChild(
            @Size(min = 1, max = 200) String givenNames,
            @Size(min = 1, max = 200) String familyName,
            @Size(max = 200) String preferredName,
            @Valid @Size(max = 20) List<RegisterChildRequest.FormerNameRequest> formerNames,
            @Past LocalDate dateOfBirth,
            Gender gender,
            @Valid RegisterChildRequest.AddressRequest address,
            Whereabouts.Kind whereabouts,
            Whereabouts.IntentionToReturn intendsToReturn,
            @Valid @Size(max = 10) List<RegisterChildRequest.ParentCarerRequest> parentsCarers) {

        public ChildChanges.UpdateChild toCommand() {
            return new ChildChanges.UpdateChild(givenNames, familyName, preferredName,
                    RegisterChildRequest.each(formerNames, n -> new FormerName(n.givenNames(), n.familyName(),
                            n.kind())),
                    dateOfBirth, gender, RegisterChildRequest.address(address), whereabouts, intendsToReturn,
                    RegisterChildRequest.each(parentsCarers, RegisterChildRequest::parentCarer));
        }
    }

    /** Shield a child: location details are withheld downstream until the shield is lifted. */
    public record Shield(@NotBlank @Size(max = 500) String reason, @NotNull LocalDate reviewDate) {
    }

    public record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    public record Vulnerabilities(@NotNull @Size(max = 3) Set<@NotNull Vulnerability> vulnerabilities) {
    }

    public record Move(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z0-9]+", message = "must be a local authority code")
                       String localAuthority) {
    }

    public record Death(@NotNull @PastOrPresent LocalDate dateOfDeath) {
    }

    public record ExtendRetention(@NotNull RetentionReason reason) {
    }

    public record Merge(@NotBlank String survivorId, @NotBlank String mergedId,
                       @NotBlank @Size(max = 500) String reason) {

        public ChildChanges.Merge toCommand() {
            return new ChildChanges.Merge(survivorId, mergedId, reason);
        }
    }

    /** A new identity, always under a new name: the old one would lead records of the old identity to it. */
    public record NewIdentity(@NotBlank @Size(max = 500) String reason,
                              @NotBlank @Size(max = 200) String givenNames,
                              @NotBlank @Size(max = 200) String familyName) {

        public ChildChanges.NewIdentity toCommand() {
            return new ChildChanges.NewIdentity(reason, givenNames, familyName);
        }
    }

    public record Accept(@NotBlank String contactPointId) {
    }
}
