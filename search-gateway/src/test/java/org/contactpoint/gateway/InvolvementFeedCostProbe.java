package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.ConsumerCost;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The gateway's cost per involvement of involvement.involvements.v2 as an agency's initial load publishes it (issue 17),
 * as a diagnostic, not a test: surefire does not run it; run it alone:
 * <pre>
 * ./mvnw -q -B -pl search-gateway -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=InvolvementFeedCostProbe \
 *     [-Dprobe.involvements=20000 -Dprobe.rounds=3 -Dprobe.rate=2000]
 * </pre>
 * Each round publishes the started involvements and waits until the read model holds them all
 * ({@link ConsumerCost#involvementFeedRounds}), then prints the JVM's, the consumer threads' and PostgreSQL's CPU per
 * involvement and the rows written per involvement by table.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvolvementFeedCostProbe {

    @Test
    void costPerInvolvement() throws Exception {
        ConsumerCost.involvementFeedRounds("gateway",
                "SELECT count(*) FROM involvement WHERE involvement_id LIKE ?");
    }
}
