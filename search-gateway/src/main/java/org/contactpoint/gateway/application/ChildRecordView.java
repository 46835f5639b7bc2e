package org.contactpoint.gateway.application;

import org.contactpoint.gateway.domain.Address;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.Whereabouts;

import java.time.LocalDate;
import java.util.List;

/**
 * A child's record as this lookup may show it ({@link RecordDisclosure} decided what is withheld).
 *
 * @param requestedContactPointId the ID asked for, when it was merged into this child
 * @param locationWithheld        location details were withheld
 * @param breakGlass              details withheld from others are shown, for a stated reason
 * @param notices                 banners shown above the record
 * @param lookupId                the id of this lookup's audit record
 */
public record ChildRecordView(String contactPointId, String requestedContactPointId, String status,
                              String givenNames, String familyName, String preferredName,
                              List<FormerName> formerNames, LocalDate dateOfBirth, String gender,
                              LocalDate dateOfDeath, String nhsNumber, Whereabouts whereabouts,
                              List<ParentCarer> parentsCarers, String responsibleLocalAuthority, boolean shielded,
                              boolean locationWithheld, boolean breakGlass, List<String> notices,
                              List<Involvement> involvements, String lookupId) {

    /** A parent or carer; the contact details are null when withheld. */
    public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                              String email, Address address) {
    }

    /** Who works with the child; null where withheld. {@code note} says why details are missing. */
    public record Involvement(String involvementId, String serviceType, String organisationName,
                              String organisationCode, String practitionerName, String practitionerRole,
                              String contactPhone, String contactEmail, LocalDate startDate, LocalDate endDate,
                              String status, boolean leadProfessional, boolean cafHeld, boolean sensitive,
                              String note) {
    }
}
