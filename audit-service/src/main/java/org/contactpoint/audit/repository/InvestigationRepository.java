package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Investigation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The investigations HIGH alerts open, per local authority. */
@ApplicationScoped
public class InvestigationRepository {

    private static final String COLUMNS = "investigation_id, alert_id, rule, summary, user_id, user_name, organisation,"
            + " organisation_code, local_authority, account_suspended, opened_at, outcome, outcome_note, closed_by,"
            + " closed_at, version";
    /** One investigation per alert: a redelivered alert opens nothing more. */
    private static final String INSERT = "INSERT INTO misuse_investigation (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 1) ON CONFLICT (alert_id) DO NOTHING";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM misuse_investigation WHERE local_authority = ?"
            + " AND (? OR closed_at IS NULL) ORDER BY opened_at DESC, investigation_id LIMIT ? OFFSET ?";
    private static final String CLOSE = "UPDATE misuse_investigation SET outcome = ?, outcome_note = ?, closed_by = ?,"
            + " closed_at = ?, version = version + 1 WHERE investigation_id = ? AND local_authority = ?"
            + " AND closed_at IS NULL RETURNING "
            + COLUMNS;
    private static final String FIND = "SELECT " + COLUMNS
            + " FROM misuse_investigation WHERE investigation_id = ? AND local_authority = ?";
    /** Locked: two closures from the same read are judged one after the other. */
    private static final String LOCK = FIND + " FOR UPDATE";

    private final DataSource dataSource;

    public InvestigationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void open(Investigation investigation) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, investigation.investigationId());
            insert.setObject(2, investigation.alertId());
            insert.setString(3, investigation.rule());
            insert.setString(4, investigation.summary());
            insert.setString(5, investigation.userId());
            insert.setString(6, investigation.userName());
            insert.setString(7, investigation.organisation());
            insert.setString(8, investigation.organisationCode());
            insert.setString(9, investigation.localAuthority());
            insert.setBoolean(10, investigation.accountSuspended());
            insert.setTimestamp(11, Timestamp.from(investigation.openedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the investigation of alert " + investigation.alertId(), e);
        }
    }

    /** A page of an authority's investigations, newest first; one more than asked says whether more follow. */
    public List<Investigation> page(String localAuthority, boolean includeClosed, int offset, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, localAuthority);
            select.setBoolean(2, includeClosed);
            select.setInt(3, limit);
            select.setInt(4, offset);
            return read(select);
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the investigations", e);
        }
    }

    public Optional<Investigation> find(UUID investigationId, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setObject(1, investigationId);
            select.setString(2, localAuthority);
            return read(select).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the investigation", e);
        }
    }

    /** The authority's investigation, locked for the rest of the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Investigation> lock(UUID investigationId, String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCK)) {
            select.setObject(1, investigationId);
            select.setString(2, localAuthority);
            return read(select).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the investigation", e);
        }
    }

    /** Closes an open investigation of the authority's; empty when there is none open. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Investigation> close(UUID investigationId, String localAuthority, Investigation.Outcome outcome,
                                         String note, String closedBy, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(CLOSE)) {
            update.setString(1, outcome.name());
            update.setString(2, note);
            update.setString(3, closedBy);
            update.setTimestamp(4, Timestamp.from(at));
            update.setObject(5, investigationId);
            update.setString(6, localAuthority);
            return read(update).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("could not close the investigation", e);
        }
    }

    private static List<Investigation> read(PreparedStatement statement) throws SQLException {
        List<Investigation> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String outcome = rows.getString(12);
                Timestamp closedAt = rows.getTimestamp(15);
                found.add(new Investigation(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getString(8), rows.getString(9), rows.getBoolean(10), rows.getTimestamp(11).toInstant(),
                        outcome == null ? null : Investigation.Outcome.valueOf(outcome), rows.getString(13),
                        rows.getString(14), closedAt == null ? null : closedAt.toInstant(), rows.getLong(16)));
            }
        }
        return found;
    }
}
