package org.contactpoint.identity.application;

import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;
import org.contactpoint.identity.domain.Whereabouts;

import java.time.LocalDate;
import java.util.List;

/** The commands that change a child's record after registration. */
public final class ChildChanges {

    private ChildChanges() {
    }

    /**
     * A correction or change to a child's record; null fields stay as they are. A changed name keeps the old one as a
     * former name. Any whereabouts field replaces the whereabouts as a whole.
     */
    public record UpdateChild(String givenNames, String familyName, String preferredName, List<FormerName> formerNames,
                              LocalDate dateOfBirth, Gender gender, RegisterChild.Address address,
                              Whereabouts.Kind whereabouts, Whereabouts.IntentionToReturn intendsToReturn,
                              List<RegisterChild.ParentCarer> parentsCarers) {

        /** True when the change names no field at all: nothing to change, so no new version. */
        public boolean isEmpty() {
            return givenNames == null && familyName == null && preferredName == null && formerNames == null
                    && dateOfBirth == null && gender == null && address == null && whereabouts == null
                    && intendsToReturn == null && parentsCarers == null;
        }
    }

    public record Merge(String survivorId, String mergedId, String reason) {
    }

    /** A new identity under a new name (both parts required, neither sounding like a name of the old identity). */
    public record NewIdentity(String reason, String givenNames, String familyName) {
    }
}
