package org.contactpoint.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpoint.identity.Scenario.CASE_SYSTEM;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;

/**
 * The blocking index (child_match_key) refers to its children as a foreign key would, but checked once per statement
 * (V42, issue 17: the per-row check was two thirds of a bulk batch's key insert). What the foreign key guaranteed must
 * still hold: no key without its child, the children named locked against a concurrent delete until commit, and a
 * deleted child's keys gone with it (ChildRecordLifecycleTest purges one through the retention job).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BlockingIndexIntegrityTest {

    @Test
    void aKeyForAChildThatDoesNotExistIsRefusedWithTheRestOfItsStatement() throws Exception {
        long child = childId(register("Tamsin", "Pengelly", "2015-02-11", "BII-1"));
        try (Connection c = connect()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("INSERT INTO child_match_key (child_id, key)"
                    + " VALUES (" + child + ", 'test:kept-with-its-statement'), (-42, 'test:orphan')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            assertThat(count(c, "SELECT count(*) FROM child_match_key WHERE key LIKE 'test:%'"))
                    .as("keys written by the refused statement").isZero();
        }
    }

    @Test
    void theChildrenAStatementIndexesCannotBeDeletedUntilItCommits() throws Exception {
        long child = childId(register("Morwenna", "Trewhella", "2014-07-30", "BII-2"));
        try (Connection indexing = connect(); Connection deleting = connect()) {
            indexing.setAutoCommit(false);
            indexing.createStatement().executeUpdate("INSERT INTO child_match_key (child_id, key) VALUES ("
                    + child + ", 'test:held')");
            // A delete needs the row FOR UPDATE, which conflicts with the FOR KEY SHARE the indexing statement holds.
            assertThatThrownBy(() -> deleting.createStatement().executeQuery(
                    "SELECT id FROM child WHERE id = " + child + " FOR UPDATE NOWAIT"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            indexing.rollback();
        }
    }

    @Test
    void aChildWhoseDeleteCommitsWhileAStatementWaitsForItIsNotIndexed() throws Exception {
        long child = childId(register("Jenifer", "Tremayne", "2016-05-19", "BII-4"));
        try (Connection deleting = connect(); Connection indexing = connect(); Connection watching = connect()) {
            deleting.setAutoCommit(false);
            try (Statement s = deleting.createStatement()) {
                s.executeUpdate("DELETE FROM child_source_identifier WHERE child_id = " + child);
                s.executeUpdate("DELETE FROM child WHERE id = " + child);
            }
            long indexer = backendPid(indexing);
            CompletableFuture<SQLException> insert = CompletableFuture.supplyAsync(() -> {
                try (Statement s = indexing.createStatement()) {
                    s.executeUpdate("INSERT INTO child_match_key (child_id, key) VALUES (" + child + ", 'test:late')");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            // The insert's statement now waits for the child's row lock, held by the uncommitted delete: asked of the
            // server, not guessed from a pause.
            awaitWaitingForALock(watching, indexer);
            deleting.commit();
            SQLException refused = insert.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) refused).as("the insert for a child deleted while it waited").isNotNull();
            assertThat(refused.getSQLState()).isEqualTo("23503");
            assertThat(count(watching, "SELECT count(*) FROM child_match_key WHERE child_id = " + child))
                    .as("keys of the deleted child").isZero();
        }
    }

    @Test
    void deletingAChildDeletesItsKeys() throws Exception {
        long child = childId(register("Senara", "Polglase", "2013-12-02", "BII-3"));
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThat(count(c, "SELECT count(*) FROM child_match_key WHERE child_id = " + child))
                    .as("keys of the registered child").isPositive();
            try (Statement s = c.createStatement()) {
                // Only the tables that refer to a child without cascading stand in the way of a plain delete here.
                s.executeUpdate("DELETE FROM child_source_identifier WHERE child_id = " + child);
                s.executeUpdate("DELETE FROM child WHERE id = " + child);
            }
            assertThat(count(c, "SELECT count(*) FROM child_match_key WHERE child_id = " + child))
                    .as("keys left of the deleted child").isZero();
            c.rollback();
        }
    }

    private static String register(String given, String family, String dob, String sourceId) {
        return as(CASE_SYSTEM).body(record(given, family, dob, "TR1 2AB", "LA_CASE_SYSTEM", sourceId).toString())
                .post("/children").then().statusCode(201).extract().path("contactPointId");
    }

    private static long childId(String contactPointId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement select = c.prepareStatement("SELECT id FROM child WHERE contact_point_id = ?")) {
            select.setString(1, contactPointId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("child " + contactPointId).isTrue();
                return rows.getLong(1);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long backendPid(Connection c) throws SQLException {
        return count(c, "SELECT pg_backend_pid()");
    }

    private static void awaitWaitingForALock(Connection watching, long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(watching, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid
                + " AND wait_event_type = 'Lock'") == 0) {
            assertThat(System.nanoTime()).as("the insert waiting for the child's lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }
}
