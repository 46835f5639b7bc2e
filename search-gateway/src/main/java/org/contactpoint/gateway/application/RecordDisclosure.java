package org.contactpoint.gateway.application;

import org.contactpoint.events.NhsNumbers;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.Involvement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what of a child's record a practitioner is shown. A shielded child's location is withheld: address, the
 * responsible local authority (it names the area the child lives in), parents' and carers' contact details, and every
 * service's organisation, practitioner, contact and dates (a school or a GP practice gives away where a child lives). A sensitive service shows only that it exists.
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

    static ChildRecordView disclose(Child child, String requestedId, List<Involvement> involvements,
                                    boolean breakGlass, String lookupId) {
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
        List<ChildRecordView.ParentCarer> parents = child.parentsCarers().stream()
                .map(p -> withhold
                        ? new ChildRecordView.ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(),
                        null, null, null)
                        : new ChildRecordView.ParentCarer(p.name(), p.relationship(), p.parentalResponsibility(),
                        p.phone(), p.email(), p.address()))
                .toList();
        return new ChildRecordView(child.contactPointId(), requestedId, child.status(), child.givenNames(),
                child.familyName(), child.preferredName(), child.formerNames(), child.dateOfBirth(), child.gender(),
                child.dateOfDeath(), nhsNumber(child), withhold ? null : child.whereabouts(), parents,
                withhold ? null : child.responsibleLocalAuthority(), child.shielded(), withhold, breakGlass && child.shielded(), notices,
                involvements.stream().map(i -> view(i, withhold)).toList(), lookupId);
    }

    private static ChildRecordView.Involvement view(Involvement i, boolean withhold) {
        if (i.sensitive()) {
            return new ChildRecordView.Involvement(i.involvementId(), null, null, null, null, null, null, null, null,
                    null, i.status(), false, false, true, SENSITIVE_NOTE);
        }
        if (withhold) {
            return new ChildRecordView.Involvement(i.involvementId(), i.serviceType(), null, null, null, null, null,
                    null, null, null, i.status(), i.leadProfessional(), i.cafHeld(), false, SHIELDED_NOTE);
        }
        return new ChildRecordView.Involvement(i.involvementId(), i.serviceType(), i.organisationName(),
                i.organisationCode(), i.practitionerName(), i.practitionerRole(), i.contactPhone(), i.contactEmail(),
                i.startDate(), i.endDate(), i.status(), i.leadProfessional(), i.cafHeld(), false, null);
    }

    private static String nhsNumber(Child child) {
        return child.identifiers().stream()
                .filter(id -> NhsNumbers.SCHEME.equals(id.scheme()))
                .map(id -> NhsNumbers.normalise(id.value()))
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
    }
}
