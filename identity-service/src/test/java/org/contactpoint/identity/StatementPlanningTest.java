package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.testing.PreparedPlans;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: identity writes its bulk imports and feeds in batches, into tables that grow while it writes. PostgreSQL keeps a generic plan of a statement a connection has prepared once five
 * custom plans cost no less; made while a table was nearly empty, early in England's first load, that plan is a full
 * scan kept for the rest of the load (the session 14 profile: docs/benchmarks.md). Every statement of this service's
 * connections is planned for its own values.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class StatementPlanningTest {

    @Inject
    DataSource dataSource;

    @Test
    void aPreparedStatementIsPlannedForItsValuesOnEveryRunNeverFromACachedGenericPlan() throws Exception {
        PreparedPlans.Plans plans = PreparedPlans.of(dataSource, 12);
        assertThat(plans.generic() + plans.custom()).as("runs prepared on the server").isGreaterThanOrEqualTo(6);
        assertThat(plans.generic()).as("runs on a cached generic plan").isZero();
    }
}
