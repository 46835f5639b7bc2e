package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.ConsumerCost;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * involvement-service's cost per child of identity.children.v1 at national density (issue 17), as a diagnostic, not
 * a test: surefire does not run it; run it alone:
 * <pre>
 * ./mvnw -q -B -pl involvement-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ChildFeedCostProbe \
 *     [-Dprobe.children=20000 -Dprobe.rounds=3 -Dprobe.rate=1000]
 * </pre>
 * Each round publishes the registrations and waits until the projection of children holds them all
 * ({@link ConsumerCost#childFeedRounds}), then prints the JVM's, the consumer threads' and PostgreSQL's CPU per child
 * and the rows written per child by table.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ChildFeedCostProbe {

    @Test
    void costPerChild() throws Exception {
        ConsumerCost.childFeedRounds("involvement-service",
                "SELECT count(*) FROM known_child WHERE contact_point_id LIKE ?");
    }
}
