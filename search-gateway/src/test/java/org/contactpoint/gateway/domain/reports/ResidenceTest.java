package org.contactpoint.gateway.domain.reports;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A poll's events for one child fold into when the child came under the authority it ends with, and from where. */
class ResidenceTest {

    private static final Instant REGISTERED = Instant.parse("2026-09-01T09:00:00Z");
    private static final Instant MOVED = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-20T11:00:00Z");

    @Test
    void anUpdateInTheSameAuthorityKeepsWhenTheChildCameAndFromWhere() {
        Residence moved = new Residence("CP1", 2, "E09000019", "E09000007", MOVED);
        Residence folded = moved.then(new Residence("CP1", 3, "E09000019", null, UPDATED));
        assertThat(folded).isEqualTo(new Residence("CP1", 3, "E09000019", "E09000007", MOVED));
    }

    @Test
    void aMoveStartsANewResidenceFromTheAuthorityItNames() {
        Residence registered = new Residence("CP1", 1, "E09000007", null, REGISTERED);
        Residence folded = registered.then(new Residence("CP1", 2, "E09000019", "E09000007", MOVED));
        assertThat(folded).isEqualTo(new Residence("CP1", 2, "E09000019", "E09000007", MOVED));
    }

    @Test
    void anotherAuthorityWithoutAMoveEventIsStillAMoveFromTheOneHeldBefore() {
        Residence registered = new Residence("CP1", 1, "E09000007", null, REGISTERED);
        Residence folded = registered.then(new Residence("CP1", 2, "E09000019", null, UPDATED));
        assertThat(folded).isEqualTo(new Residence("CP1", 2, "E09000019", "E09000007", UPDATED));
    }
}
