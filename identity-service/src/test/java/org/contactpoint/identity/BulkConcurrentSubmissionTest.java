package org.contactpoint.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;

/**
 * Issue 18 item 4 on the bulk path: the same new child in a batch (the path imports and the Kafka feed take) and on
 * the single path at the same moment is one child. The overlap is made certain rather than hoped for: the test holds
 * the row lock of the family name's count, which a matching transaction takes when it indexes a new child, so the
 * batch stops after it has looked for candidates and before it commits; the single record then arrives. Without a
 * lock shared by both paths each finds no candidate and each creates the child.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BulkConcurrentSubmissionTest {

    @Test
    void theSameNewChildFromTheBulkAndTheSinglePathAtOnceIsOneChild() throws Exception {
        String dob = "2013-11-21";
        // A family name already on the register, so its count row exists to be held.
        as(FEED).body(record("Ifeoma", "Nwachukwu-Bell", "2011-02-03", "SE15 4QL", "SCHOOL_CENSUS", "BC-0")
                .toString()).post("/source-records").then().statusCode(201);
        ObjectNode bulk = record("Chidinma", "Nwachukwu-Bell", dob, "SE15 4QL", "EARLY_YEARS", "BC-1");
        ObjectNode single = record("Chidinma", "Nwachukwu-Bell", dob, "SE15 4QL", "HEALTH_DEMOGRAPHICS", "BC-2");

        CompletableFuture<String> fromBatch;
        CompletableFuture<String> fromSingle;
        try (Connection holder = connection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "SELECT children FROM match_key_frequency WHERE key = 'fx:nwachukwubell' FOR UPDATE")) {
                assertThat(hold.executeQuery().next()).isTrue();
            }
            long waitingBefore = waiting();
            fromBatch = CompletableFuture.supplyAsync(() -> as(FEED).body("{\"records\":[" + bulk + "]}")
                    .post("/source-records/batch").then().statusCode(200).extract().path("[0].contactPointId"));
            awaitWaiting(waitingBefore + 1);
            fromSingle = CompletableFuture.supplyAsync(() -> {
                var answer = as(FEED).body(single.toString()).post("/source-records").then().extract();
                String child = answer.path("contactPointId");
                return child != null ? child : answer.statusCode() + " " + answer.asString();
            });
            awaitWaiting(waitingBefore + 2);
            holder.rollback();
        }
        String batchChild = fromBatch.get(60, TimeUnit.SECONDS);
        String singleChild = fromSingle.get(60, TimeUnit.SECONDS);
        assertThat(batchChild).isNotNull();
        assertThat(singleChild).as("the child the single path found or made").isEqualTo(batchChild);
    }

    /** Sessions of the database waiting for a lock (the two submissions, once they reach it). */
    private static long waiting() throws SQLException {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitWaiting(long sessions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (waiting() < sessions) {
            assertThat(System.nanoTime()).as("a submission waiting for a lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }
}
