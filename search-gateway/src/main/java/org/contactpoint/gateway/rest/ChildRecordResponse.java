package org.contactpoint.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.events.identity.ChildEvent;

import java.time.LocalDate;
import java.util.List;

/**
 * A child's record as a practitioner sees it. For a shielded child {@code whereabouts} is null, parents' and carers'
 * contact details are left out and services show no organisation or contact, unless the glass was broken.
 *
 * @param requestedContactPointId the ID asked for, when it was merged into this child
 * @param locationWithheld        location details were withheld from this answer
 * @param breakGlass              this answer includes details withheld from others, revealed for a stated reason
 * @param notices                 banners the page shows above the record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildRecordResponse(String contactPointId, String requestedContactPointId, String status,
                                  ChildEvent.PersonName name, String preferredName,
                                  List<ChildEvent.FormerName> formerNames, LocalDate dateOfBirth, String gender,
                                  LocalDate dateOfDeath, String nhsNumber, ChildEvent.Whereabouts whereabouts,
                                  List<ParentCarer> parentsCarers, String responsibleLocalAuthority,
                                  boolean shielded, boolean locationWithheld, boolean breakGlass,
                                  List<String> notices, List<InvolvementView> involvements) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                              String email, ChildEvent.Address address) {
    }

    /** Who works with the child. A sensitive service shows only that it exists, with {@code note} saying whom to ask. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvolvementView(String involvementId, String serviceType, Organisation organisation,
                                  Practitioner practitioner, Contact contact, LocalDate startDate, LocalDate endDate,
                                  String status, boolean leadProfessional, boolean cafHeld, boolean sensitive,
                                  String note) {
    }

    public record Organisation(String name, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Practitioner(String name, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String phone, String email) {
    }
}
