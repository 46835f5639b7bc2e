package org.contactpoint.involvement;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.LockWaits;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpoint.involvement.Fixtures.knownChild;
import static org.contactpoint.involvement.Fixtures.newChildId;

/**
 * A child's source identifiers (known_child_identifier) refer to the child as a foreign key would, but checked once per
 * statement (V35, issue 17: a poll of identity's events writes its children's identifiers in one statement, and the
 * foreign key checked each row on its own). What the foreign key guaranteed must still hold: no identifier without its
 * child, the children named locked against a concurrent delete until commit, a deleted child's identifiers gone with
 * it, and no child's ID changed under its identifiers.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class IdentifierIntegrityTest {

    @Test
    void anIdentifierOfAChildNotKnownIsRefusedWithTheRestOfItsStatement() throws Exception {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        String unknown = newChildId();
        try (Connection c = connect()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("INSERT INTO known_child_identifier"
                    + " (contact_point_id, scheme, value) VALUES ('" + child + "', 'TEST', 'kept-with-its-statement'),"
                    + " ('" + unknown + "', 'TEST', 'orphan')"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            assertThat(count(c, "SELECT count(*) FROM known_child_identifier WHERE scheme = 'TEST' AND contact_point_id"
                    + " IN ('" + child + "', '" + unknown + "')")).as("identifiers written by the refused statement")
                    .isZero();
        }
    }

    @Test
    void anIdentifierCannotBeMovedToAChildNotKnown() throws Exception {
        String child = newChildId();
        knownChild(child, 1, "E09000019", "NHS_NUMBER", "IIT-6");
        String unknown = newChildId();
        try (Connection c = connect()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE known_child_identifier"
                    + " SET contact_point_id = '" + unknown + "' WHERE contact_point_id = '" + child + "'"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            assertThat(count(c, "SELECT count(*) FROM known_child_identifier WHERE contact_point_id = '" + child
                    + "'")).as("identifiers still the child's").isEqualTo(1);
        }
    }

    @Test
    void theChildrenAStatementIdentifiesCannotBeDeletedUntilItCommits() throws Exception {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        try (Connection identifying = connect(); Connection deleting = connect()) {
            identifying.setAutoCommit(false);
            identifying.createStatement().executeUpdate("INSERT INTO known_child_identifier (contact_point_id,"
                    + " scheme, value) VALUES ('" + child + "', 'TEST', 'held')");
            // A delete needs the row FOR UPDATE, which conflicts with the FOR KEY SHARE the inserting statement holds.
            assertThatThrownBy(() -> deleting.createStatement().executeQuery(
                    "SELECT contact_point_id FROM known_child WHERE contact_point_id = '" + child
                            + "' FOR UPDATE NOWAIT"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            identifying.rollback();
        }
    }

    @Test
    void aChildWhoseDeleteCommitsWhileAStatementWaitsForItIsNotIdentified() throws Exception {
        String child = newChildId();
        knownChild(child, 1, "E09000019");
        try (Connection deleting = connect(); Connection identifying = connect(); Connection watching = connect()) {
            deleting.setAutoCommit(false);
            deleting.createStatement().executeUpdate("DELETE FROM known_child WHERE contact_point_id = '" + child
                    + "'");
            long identifier = count(identifying, "SELECT pg_backend_pid()");
            CompletableFuture<SQLException> insert = CompletableFuture.supplyAsync(() -> {
                try (Statement s = identifying.createStatement()) {
                    s.executeUpdate("INSERT INTO known_child_identifier (contact_point_id, scheme, value) VALUES ('"
                            + child + "', 'TEST', 'late')");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            // The insert's statement now waits for the child's row lock, held by the uncommitted delete: asked of the
            // server, not guessed from a pause.
            LockWaits.awaitWaitingForALock(watching, identifier);
            deleting.commit();
            SQLException refused = insert.get(30, TimeUnit.SECONDS);
            assertThat((Throwable) refused).as("the insert for a child deleted while it waited").isNotNull();
            assertThat(refused.getSQLState()).isEqualTo("23503");
            assertThat(count(watching, "SELECT count(*) FROM known_child_identifier WHERE contact_point_id = '"
                    + child + "'")).as("identifiers of the deleted child").isZero();
        }
    }

    @Test
    void deletingAChildDeletesItsIdentifiers() throws Exception {
        String child = newChildId();
        knownChild(child, 1, "E09000019", "NHS_NUMBER", "IIT-4", "SOURCE_ID", "IIT-4-LA");
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThat(count(c, "SELECT count(*) FROM known_child_identifier WHERE contact_point_id = '" + child
                    + "'")).as("identifiers of the known child").isEqualTo(2);
            c.createStatement().executeUpdate("DELETE FROM known_child WHERE contact_point_id = '" + child + "'");
            assertThat(count(c, "SELECT count(*) FROM known_child_identifier WHERE contact_point_id = '" + child
                    + "'")).as("identifiers left of the deleted child").isZero();
            c.rollback();
        }
    }

    @Test
    void aChildsIdCannotChangeUnderItsIdentifiers() throws Exception {
        String child = newChildId();
        knownChild(child, 1, "E09000019", "NHS_NUMBER", "IIT-5");
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE known_child SET contact_point_id"
                    + " = '" + newChildId() + "' WHERE contact_point_id = '" + child + "'"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            c.rollback();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(RealInfrastructure.jdbcUrl(), "postgres", "postgres");
    }
}
