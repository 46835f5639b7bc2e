package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.events.CloudEventHeaders;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestKafkaClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 8: audit-service keeps which organisation works with which child from involvement.involvements.v2,
 * keyed by involvement id; a removal is a tombstone there, and the tombstone deletes what audit-service kept of it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvolvementTombstoneTest {

    @Test
    void aTombstoneForgetsTheInvolvement() {
        String child = Fixtures.newChildId();
        String withdrawn = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        MisuseRulesTest.involvement(child, "URN100001", false, withdrawn);
        MisuseRulesTest.involvement(child, "F83999", false, kept);
        Fixtures.await("both involvements", Duration.ofSeconds(30), () -> known(withdrawn) && known(kept));

        String tombstone = UUID.randomUUID().toString();
        TestKafkaClient.send(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, withdrawn, null, Map.of(
                CloudEventHeaders.ID, tombstone, CloudEventHeaders.TYPE, InvolvementEventTypes.REMOVED));
        Fixtures.await("the withdrawn one forgotten", Duration.ofSeconds(30), () -> !known(withdrawn));
        assertThat(known(kept)).isTrue();
    }

    private static boolean known(String involvementId) {
        return Fixtures.count("SELECT count(*) FROM child_involvement WHERE involvement_id = '" + involvementId + "'")
                == 1;
    }
}
