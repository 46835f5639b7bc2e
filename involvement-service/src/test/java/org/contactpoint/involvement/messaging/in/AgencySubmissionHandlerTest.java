package org.contactpoint.involvement.messaging.in;

import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.events.json.EventJson;
import org.contactpoint.involvement.application.SubmitInvolvement;
import org.contactpoint.involvement.domain.Basis;
import org.contactpoint.involvement.domain.ServiceType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The agency topic's contract and the service's own vocabulary are the same lists, so every valid record maps. */
class AgencySubmissionHandlerTest {

    @Test
    void theContractsVocabulariesAreTheServices() {
        assertThat(AgencySubmission.SERVICE_TYPES)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ServiceType.values()).map(Enum::name).toList());
        assertThat(AgencySubmission.CONSENT_KINDS)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Basis.Kind.values()).map(Enum::name).toList());
    }

    @Test
    void aSensitiveSubmissionMapsWithItsBasis() {
        AgencySubmission submission = EventJson.read("""
                {"submissionId":"clinic-1","sourceIdentifier":{"scheme":"NHS_NUMBER","value":"9434765919"},
                 "serviceType":"SEXUAL_HEALTH","organisation":{"name":"Angel Clinic","code":"RV3YP"},
                 "contact":{"phone":"020 7946 0300"},"startDate":"2026-10-01",
                 "consent":{"kind":"CHILD_CONSENT","recordedAt":"2026-10-01T10:15:00Z","scope":"share",
                            "sufficientUnderstanding":true}}""", AgencySubmission.class);
        SubmitInvolvement command = AgencySubmissionHandler.command(submission);
        assertThat(command.serviceType()).isEqualTo(ServiceType.SEXUAL_HEALTH);
        assertThat(command.sourceIdentifier().value()).isEqualTo("9434765919");
        assertThat(command.consent().kind()).isEqualTo(Basis.Kind.CHILD_CONSENT);
        assertThat(command.practitioner()).isNull();
    }
}
