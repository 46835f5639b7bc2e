package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.involvement.repository.InvolvementRepository;
import org.contactpoint.testing.PreparedPlans;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: involvement-service writes agencies' loads and identity's children in batches, into tables that grow while it writes. PostgreSQL keeps a generic plan of a statement a connection has prepared once five
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

    /**
     * V36 keeps {@code submitted_for} only for the involvements a merge moved away from the child they were submitted
     * for (a partial index): the unmerge's query must say so in the index's own words, or PostgreSQL cannot use it and
     * reads every involvement. Sequential scans are switched off (the suite's few rows would make one cheapest), so the
     * plan shows which index, if any, can answer it; in a transaction rolled back, leaving the setting as it was.
     */
    @Test
    void theUnmergesQueryIsAnsweredByThePartialIndexOfMovedInvolvements() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = off");
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + InvolvementRepository
                        .SUBMITTED_FOR_BUT_ELSEWHERE.replace("?1", "'CP0000000001'"))) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        assertThat(plan.toString()).as("plan").contains("involvement_rehomed");
    }
}
