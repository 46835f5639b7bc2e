package org.contactpoint.involvement.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A submission's organisation name against its credential's: the same whatever the case and the spaces. */
class OrganisationNameTest {

    @Test
    void theSameNameWhateverItsCaseAndSpaces() {
        assertThat(SubmissionService.sameName("Probe 3 Medical Practice", "Probe 3 Medical Practice")).isTrue();
        assertThat(SubmissionService.sameName("Probe 3 Medical Practice", "PROBE 3 medical practice")).isTrue();
        assertThat(SubmissionService.sameName("Probe 3 Medical Practice", "  Probe 3\tMedical   Practice ")).isTrue();
        assertThat(SubmissionService.sameName(" probe  3 medical practice", "Probe 3 Medical\nPractice")).isTrue();
    }

    @Test
    void anotherNameOrNoneIsNotTheSame() {
        assertThat(SubmissionService.sameName("Probe 3 Medical Practice", "Probe 3 Medical Practices")).isFalse();
        assertThat(SubmissionService.sameName("Probe 3 Medical Practice", "Probe3 Medical Practice")).isFalse();
        assertThat(SubmissionService.sameName("Probe 3 Medical Practice", null)).isFalse();
    }
}
