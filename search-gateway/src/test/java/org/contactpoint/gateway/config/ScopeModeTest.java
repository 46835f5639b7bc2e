package org.contactpoint.gateway.config;

import org.contactpoint.gateway.domain.Vulnerability;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which children each scope holds. */
class ScopeModeTest {

    @Test
    void scopeModesDecideWhichChildrenAreHeld() {
        assertThat(ScopeMode.UNIVERSAL.includes(java.util.List.of())).isTrue();
        assertThat(ScopeMode.TARGETED.includes(java.util.List.of())).isFalse();
        assertThat(ScopeMode.TARGETED.includes(java.util.List.of(
                Vulnerability.CHILDRENS_SOCIAL_CARE_FLAG))).isTrue();
    }
}
