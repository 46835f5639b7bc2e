package org.contactpoint.gateway;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.contactpoint.gateway.application.ReadModelProjection;
import org.contactpoint.gateway.domain.InvolvementState;
import org.contactpoint.gateway.domain.InvolvementStatus;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;

/**
 * Issue 17: a bulk load's polls are planned for their own values. PostgreSQL keeps a generic plan of a statement a
 * connection has prepared once five custom plans cost no less; made while the read model was nearly empty, the first
 * minutes of England's first load, that plan is a full scan, and the session 14 profile watched it run 278 times in
 * one load of 50,000 involvements (two thirds of the gateway's database time). The poll's statements must never run
 * on a cached generic plan; pg_prepared_statements counts which kind each prepared statement of the connection ran.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PollPlanningTest {

    @Inject
    ReadModelProjection projection;

    @Inject
    DataSource dataSource;

    @Test
    void aPollsStatementsArePlannedForItsOwnValuesNeverFromACachedGenericPlan() throws SQLException {
        String child = newContactPointId();
        long[] plans;
        // The polls are written straight into the read model, not through the topics, so the transaction is rolled
        // back: nothing of it may stay (a rebuild from the topics must equal the live model, ReadModelRebuildTest).
        QuarkusTransaction.begin();
        try {
            // A dozen polls on one connection: more than the five custom plans after which PostgreSQL may go generic.
            for (int poll = 0; poll < 12; poll++) {
                List<InvolvementState> involvements = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    involvements.add(new InvolvementState(UUID.randomUUID().toString(), child, 1,
                            InvolvementStatus.ACTIVE, "SCHOOL", false, "Hillside Primary School", "URN100000",
                            "Ms Reyes", "Class teacher", "020 7946 0100", null, LocalDate.of(2024, 9, 1), null,
                            false, false));
                }
                projection.applyInvolvements(involvements);
            }
            plans = plansOf("SELECT involvement_id, version FROM involvement");
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(plans[0] + plans[1]).as("the versions statement ran prepared on the poll's connection")
                .isGreaterThanOrEqualTo(6);
        assertThat(plans[0]).as("runs on a cached generic plan").isZero();
    }

    /** Generic and custom plans of the connection's prepared statement that starts so (the transaction's connection). */
    private long[] plansOf(String sqlStart) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) "
                             + "FROM pg_prepared_statements WHERE statement LIKE ? || '%'")) {
            query.setString(1, sqlStart);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new long[]{row.getLong(1), row.getLong(2)};
            }
        }
    }
}
