package org.contactpoint.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.NhsNumbers;
import org.contactpoint.gateway.domain.Child;
import org.contactpoint.gateway.domain.FormerName;
import org.contactpoint.gateway.domain.Names;
import org.contactpoint.gateway.domain.SourceIdentifier;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The search keys of a child (folded names with their sounds, exact identifiers) and the purge markers. Written with
 * plain SQL because the folding and the phonetic codes are computed by the database's own functions, so that what is
 * stored and what is searched are folded the same way.
 */
@ApplicationScoped
public class ChildIndexRepository {

    // The child's date of birth is copied from its row (flushed before reindexing) onto every key: the birth-year
    // search's index holds both.
    private static final String INSERT_NAME_KEY = """
            INSERT INTO child_name_key (contact_point_id, part, current_name, whole, key, metaphone, metaphone_alt,
                                        date_of_birth)
            SELECT c.contact_point_id, ?, ?, ?, k, dmetaphone(k), dmetaphone_alt(k), c.date_of_birth
            FROM child c, (SELECT name_key(?) AS k) folded
            WHERE c.contact_point_id = ? AND k <> ''""";

    /** The advisory lock a rebuild holds exclusively and every live event shares. */
    private static final long READ_MODEL_LOCK = 0x6A7E_4EADL;

    private final DataSource dataSource;

    public ChildIndexRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the child's name keys and identifiers with those of its current state. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reindex(Child child) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DELETE FROM child_name_key WHERE contact_point_id = ?", child.contactPointId());
            execute(connection, "DELETE FROM child_identifier WHERE contact_point_id = ?", child.contactPointId());
            try (PreparedStatement insert = connection.prepareStatement(INSERT_NAME_KEY)) {
                addName(insert, child.contactPointId(), 'F', true, child.familyName());
                addName(insert, child.contactPointId(), 'G', true, child.givenNames());
                addName(insert, child.contactPointId(), 'G', false, child.preferredName());
                for (FormerName former : child.formerNames()) {
                    addName(insert, child.contactPointId(), 'F', false, former.familyName());
                    addName(insert, child.contactPointId(), 'G', false, former.givenNames());
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO child_identifier (scheme, value, contact_point_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                for (SourceIdentifier id : child.identifiers()) {
                    String nhsNumber = NhsNumbers.normalise(id.value());
                    if (NhsNumbers.SCHEME.equals(id.scheme()) && nhsNumber != null) {
                        insert.setString(1, id.scheme());
                        insert.setString(2, nhsNumber);
                        insert.setString(3, child.contactPointId());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not index child " + child.contactPointId(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isPurged(String contactPointId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM purged_child WHERE contact_point_id = ?")) {
            query.setString(1, contactPointId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read purge markers", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markPurged(String contactPointId) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO purged_child (contact_point_id) VALUES (?) ON CONFLICT DO NOTHING",
                    contactPointId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark " + contactPointId + " purged", e);
        }
    }

    /** Empties the whole read model (for a rebuild, inside the rebuild's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clearReadModel() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM involvement; DELETE FROM removed_involvement; DELETE FROM child_name_key; "
                             + "DELETE FROM child_identifier; DELETE FROM child; DELETE FROM purged_child")) {
            delete.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear the read model", e);
        }
    }

    /**
     * Takes the read model's advisory lock for this transaction: exclusively for a rebuild, shared for applying one
     * live event, so live events wait while a rebuild runs (on any instance).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockReadModel(boolean exclusive) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(exclusive
                     ? "SELECT pg_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock_shared(?)")) {
            statement.setLong(1, READ_MODEL_LOCK);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the read model", e);
        }
    }

    /** The last version of a deleted involvement, or -1 if it was never deleted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long removedInvolvementVersion(String involvementId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT version FROM removed_involvement WHERE involvement_id = ?")) {
            query.setString(1, involvementId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read removed involvements", e);
        }
    }

    /** Remembers that an involvement was deleted at this version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markInvolvementRemoved(String involvementId, long version) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO removed_involvement (involvement_id, version) VALUES (?, ?)
                     ON CONFLICT (involvement_id) DO UPDATE
                     SET version = greatest(removed_involvement.version, excluded.version)""")) {
            upsert.setString(1, involvementId);
            upsert.setLong(2, version);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark involvement " + involvementId + " removed", e);
        }
    }

    /** Remembers every involvement of a child as deleted at its current version (before the child is forgotten). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markInvolvementsRemoved(String contactPointId) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, """
                    INSERT INTO removed_involvement (involvement_id, version)
                    SELECT involvement_id, version FROM involvement WHERE contact_point_id = ?
                    ON CONFLICT (involvement_id) DO UPDATE
                    SET version = greatest(removed_involvement.version, excluded.version)""", contactPointId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark the involvements of " + contactPointId + " removed", e);
        }
    }

    /** Deletes one consumer's inbox rows (a finished rebuild's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetInbox(String consumer) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DELETE FROM inbox_message WHERE consumer = ?", consumer);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear the rebuild's inbox", e);
        }
    }

    /** Rows in one of the read model's tables. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long count(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count " + table, e);
        }
    }

    private static void addName(PreparedStatement insert, String id, char part, boolean current, String name)
            throws SQLException {
        if (name == null || name.isBlank()) {
            return;
        }
        List<String> parts = Names.parts(name);
        add(insert, id, part, current, true, name);
        if (parts.size() > 1) {
            for (String p : parts) {
                add(insert, id, part, current, false, p);
            }
        }
    }

    private static void add(PreparedStatement insert, String id, char part, boolean current, boolean whole,
                            String name) throws SQLException {
        insert.setString(1, String.valueOf(part));
        insert.setBoolean(2, current);
        insert.setBoolean(3, whole);
        insert.setString(4, name);
        insert.setString(5, id);
        insert.addBatch();
    }

    private static void execute(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }
}
