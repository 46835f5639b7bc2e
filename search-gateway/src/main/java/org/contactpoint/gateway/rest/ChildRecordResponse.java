package org.contactpoint.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.contactpoint.gateway.application.ChildRecordView;
import org.contactpoint.gateway.domain.Address;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.Whereabouts;

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
                                  PersonName name, String preferredName,
                                  List<FormerName> formerNames, LocalDate dateOfBirth, String gender,
                                  LocalDate dateOfDeath, String nhsNumber, Whereabouts whereabouts,
                                  List<ParentCarer> parentsCarers, String responsibleLocalAuthority,
                                  boolean shielded, boolean locationWithheld, boolean breakGlass,
                                  List<String> notices, List<InvolvementView> involvements) {

    static ChildRecordResponse of(ChildRecordView view) {
        return new ChildRecordResponse(view.contactPointId(), view.requestedContactPointId(), view.status(),
                new PersonName(view.givenNames(), view.familyName()), view.preferredName(), view.formerNames(),
                view.dateOfBirth(), view.gender(), view.dateOfDeath(), view.nhsNumber(), view.whereabouts(),
                view.parentsCarers().stream().map(p -> new ParentCarer(p.name(), p.relationship(),
                        p.parentalResponsibility(), p.phone(), p.email(), p.address())).toList(),
                view.responsibleLocalAuthority(), view.shielded(), view.locationWithheld(), view.breakGlass(),
                view.notices(), view.involvements().stream().map(InvolvementView::of).toList());
    }

    public record PersonName(String givenNames, String familyName) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParentCarer(String name, String relationship, boolean parentalResponsibility, String phone,
                              String email, Address address) {
    }

    /** Who works with the child. A sensitive service shows only that it exists, with {@code note} saying whom to ask. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvolvementView(String involvementId, String serviceType, Organisation organisation,
                                  Practitioner practitioner, Contact contact, LocalDate startDate, LocalDate endDate,
                                  String status, boolean leadProfessional, boolean cafHeld, boolean sensitive,
                                  String note) {

        static InvolvementView of(ChildRecordView.Involvement i) {
            return new InvolvementView(i.involvementId(), i.serviceType(),
                    i.organisationName() == null ? null : new Organisation(i.organisationName(), i.organisationCode()),
                    i.practitionerName() == null && i.practitionerRole() == null ? null
                            : new Practitioner(i.practitionerName(), i.practitionerRole()),
                    i.contactPhone() == null && i.contactEmail() == null ? null
                            : new Contact(i.contactPhone(), i.contactEmail()),
                    i.startDate(), i.endDate(), i.status(), i.leadProfessional(), i.cafHeld(), i.sensitive(),
                    i.note());
        }
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
