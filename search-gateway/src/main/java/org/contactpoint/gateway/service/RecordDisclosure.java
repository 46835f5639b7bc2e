package org.contactpoint.gateway.service;

import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.Involvement;
import org.contactpoint.gateway.domain.NhsNumber;
import org.contactpoint.gateway.rest.ChildRecordResponse;
import org.contactpoint.gateway.rest.ChildRecordResponse.InvolvementView;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides what of a child's record a practitioner is shown. A shielded child's location is withheld: address,
 * parents' and carers' contact details, and every service's organisation, practitioner, contact and dates (a school
 * or a GP practice gives away where a child lives). A sensitive service shows only that it exists.
 */
final class RecordDisclosure {

    static final String SENSITIVE_NOTE = "A sensitive service is involved — contact via the LA management team";
    static final String SHIELDED_NOTE = "Details withheld: this child is shielded — contact via the LA management team";
    static final String SHIELDED_BANNER = "This child is shielded: location details are withheld. If you have "
            + "child-protection duties and an urgent need, you may break the glass; the access is reported at once.";
    static final String BREAK_GLASS_BANNER = "Break-glass view: details withheld from others are shown because you "
            + "gave a reason. This access has been reported.";

    private RecordDisclosure() {
    }

    static ChildRecordResponse disclose(Child child, String requestedId, List<Involvement> involvements,
                                        boolean breakGlass) {
        boolean withhold = child.shielded() && !breakGlass;
        List<String> notices = new ArrayList<>();
        if (requestedId != null) {
            notices.add(requestedId + " is a duplicate record that was merged into " + child.contactPointId() + ".");
        }
        if (withhold) {
            notices.add(SHIELDED_BANNER);
        } else if (child.shielded()) {
            notices.add(BREAK_GLASS_BANNER);
        }
        if (involvements.stream().anyMatch(Involvement::sensitive)) {
            notices.add(SENSITIVE_NOTE + ".");
        }
        List<ChildRecordResponse.ParentCarer> parents = child.parentsCarers().stream()
                .map(p -> withhold
                        ? new ChildRecordResponse.ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(),
                        null, null, null)
                        : new ChildRecordResponse.ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(),
                        p.phone(), p.email(), p.address()))
                .toList();
        return new ChildRecordResponse(child.contactPointId(), requestedId, child.status(),
                new ChildEvent.PersonName(child.givenNames(), child.familyName()), child.preferredName(),
                child.formerNames(), child.dateOfBirth(), child.gender(), child.dateOfDeath(), nhsNumber(child),
                withhold ? null : child.whereabouts(), parents, child.responsibleLocalAuthority(), child.shielded(),
                withhold, breakGlass && child.shielded(), notices,
                involvements.stream().map(i -> view(i, withhold)).toList());
    }

    private static InvolvementView view(Involvement i, boolean withhold) {
        if (i.sensitive()) {
            return new InvolvementView(i.involvementId(), null, null, null, null, null, null, i.status(), false,
                    false, true, SENSITIVE_NOTE);
        }
        if (withhold) {
            return new InvolvementView(i.involvementId(), i.serviceType(), null, null, null, null, null, i.status(),
                    i.leadProfessional(), i.cafHeld(), false, SHIELDED_NOTE);
        }
        return new InvolvementView(i.involvementId(), i.serviceType(),
                i.organisationName() == null ? null
                        : new ChildRecordResponse.Organisation(i.organisationName(), i.organisationCode()),
                i.practitionerName() == null && i.practitionerRole() == null ? null
                        : new ChildRecordResponse.Practitioner(i.practitionerName(), i.practitionerRole()),
                i.contactPhone() == null && i.contactEmail() == null ? null
                        : new ChildRecordResponse.Contact(i.contactPhone(), i.contactEmail()),
                i.startDate(), i.endDate(), i.status(), i.leadProfessional(), i.cafHeld(), false, null);
    }

    private static String nhsNumber(Child child) {
        return child.identifiers().stream()
                .filter(id -> NhsNumber.SCHEME.equals(id.scheme()))
                .map(id -> NhsNumber.normalise(id.value()))
                .filter(v -> v != null)
                .findFirst().orElse(null);
    }
}
