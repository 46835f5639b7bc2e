package org.contactpoint.support.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The headers a superseded operation answers with, in the forms RFC 9745, RFC 8594 and RFC 8288 give. */
class DeprecationsTest {

    @Superseded(by = "/v2/audit-records", since = "2026-12-07", sunset = "2027-12-07")
    void superseded() {
    }

    @Test
    void aSupersededOperationSaysSinceWhenUntilWhenAndWhatReplacesIt() throws Exception {
        Superseded superseded = getClass().getDeclaredMethod("superseded").getAnnotation(Superseded.class);
        assertThat(Deprecations.headers(superseded))
                .containsEntry("Deprecation", "@1796601600")
                .containsEntry("Sunset", "Tue, 07 Dec 2027 00:00:00 GMT")
                .containsEntry("Link", "</v2/audit-records>; rel=\"successor-version\"");
    }
}
