package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AccessNotification;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Each local authority's inbox of access notifications: written a consumed batch at a time, read a page at a time. */
@ApplicationScoped
public class AccessNotificationRepository {

    private static final String COLUMNS = """
            notification_id, child_id, recipient_local_authority, vulnerabilities, viewed_at, viewer_user_id,
            viewer_name, viewer_organisation, viewer_organisation_code, viewer_local_authority, purpose,
            break_glass_reason, record_sequence, acknowledged_at, acknowledged_by""";
    private static final String INSERT = "INSERT INTO access_notification (" + COLUMNS + """
            )
            SELECT n.notification_id, n.child_id, n.recipient, CAST(n.vulnerabilities AS text[]),
                   CAST(n.viewed_at AS timestamptz), n.user_id, n.name, n.organisation, n.organisation_code,
                   n.local_authority, n.purpose, n.break_glass_reason, n.record_sequence, NULL, NULL
            FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AS n(notification_id, child_id, recipient,
                 vulnerabilities, viewed_at, user_id, name, organisation, organisation_code, local_authority, purpose,
                 break_glass_reason, record_sequence)""";
    private static final String PAGE = "SELECT " + COLUMNS + """
             FROM access_notification WHERE recipient_local_authority = ?
            ORDER BY viewed_at DESC, notification_id LIMIT ? OFFSET ?""";
    private static final String COUNT = "SELECT count(*) FROM access_notification WHERE recipient_local_authority = ?";
    /** A second acknowledgement keeps the first's time and user. */
    private static final String ACKNOWLEDGE = """
            UPDATE access_notification SET acknowledged_at = COALESCE(acknowledged_at, CAST(? AS timestamptz)),
                   acknowledged_by = COALESCE(acknowledged_by, ?)
            WHERE notification_id = ? AND recipient_local_authority = ? RETURNING child_id""";
    private static final String ADDRESS = """
            UPDATE access_notification SET recipient_local_authority = ?
            WHERE child_id = ? AND recipient_local_authority IS NULL""";
    private static final String FORGET = "DELETE FROM access_notification WHERE child_id = ?";
    private static final String DELETE_EXPIRED = """
            DELETE FROM access_notification WHERE notification_id IN (
                SELECT notification_id FROM access_notification WHERE viewed_at < ? OR acknowledged_at < ? LIMIT ?)""";

    private final DataSource dataSource;

    public AccessNotificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Delivers the notifications, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<AccessNotification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, Jdbc.uuids(connection, column(notifications, AccessNotification::notificationId)));
            insert.setArray(2, texts(connection, notifications, AccessNotification::childId));
            insert.setArray(3, texts(connection, notifications, AccessNotification::recipientLocalAuthority));
            insert.setArray(4, texts(connection, notifications, n -> Jdbc.arrayLiteral(n.vulnerabilities())));
            insert.setArray(5, Jdbc.instants(connection, column(notifications, AccessNotification::viewedAt)));
            insert.setArray(6, texts(connection, notifications, n -> n.viewer().userId()));
            insert.setArray(7, texts(connection, notifications, n -> n.viewer().name()));
            insert.setArray(8, texts(connection, notifications, n -> n.viewer().organisation()));
            insert.setArray(9, texts(connection, notifications, n -> n.viewer().organisationCode()));
            insert.setArray(10, texts(connection, notifications, n -> n.viewer().localAuthority()));
            insert.setArray(11, texts(connection, notifications, AccessNotification::purpose));
            insert.setArray(12, texts(connection, notifications, AccessNotification::breakGlassReason));
            insert.setArray(13, Jdbc.longs(connection, column(notifications, AccessNotification::recordSequence)));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not deliver access notifications", e);
        }
    }

    /** A page of the authority's inbox, newest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AccessNotification> page(String localAuthority, int page, int size) {
        return from(localAuthority, (long) page * size, size);
    }

    /** The authority's inbox from the offset, newest first, at most {@code limit} notices. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AccessNotification> from(String localAuthority, long offset, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, localAuthority);
            select.setInt(2, limit);
            select.setLong(3, offset);
            List<AccessNotification> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(notification(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read access notifications", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(String localAuthority) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setString(1, localAuthority);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count access notifications", e);
        }
    }

    /**
     * Acknowledges the notification if it was delivered to the authority.
     *
     * @return the child it is about; empty when the authority has no such notification
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> acknowledge(UUID notificationId, String localAuthority, String userId, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(ACKNOWLEDGE)) {
            update.setString(1, at.toString());
            update.setString(2, userId);
            update.setObject(3, notificationId);
            update.setString(4, localAuthority);
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not acknowledge an access notification", e);
        }
    }

    /** Delivers the child's notifications that were waiting for its responsible authority to be known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int address(String childId, String localAuthority) {
        return update(ADDRESS, localAuthority, childId);
    }

    /** A purged child's notifications go with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forget(String childId) {
        return update(FORGET, childId);
    }

    /**
     * Deletes up to {@code limit} notifications of views before {@code viewedBefore} or acknowledged before
     * {@code acknowledgedBefore}, in one statement; returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteExpired(Instant viewedBefore, Instant acknowledgedBefore, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
            delete.setObject(1, OffsetDateTime.ofInstant(viewedBefore, java.time.ZoneOffset.UTC));
            delete.setObject(2, OffsetDateTime.ofInstant(acknowledgedBefore, java.time.ZoneOffset.UTC));
            delete.setInt(3, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete expired access notifications", e);
        }
    }

    private int update(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setString(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update access notifications", e);
        }
    }

    private static AccessNotification notification(ResultSet rows) throws SQLException {
        return new AccessNotification(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                Arrays.asList((String[]) rows.getArray(4).getArray()), instant(rows, 5),
                new AccessNotification.Viewer(rows.getString(6), rows.getString(7), rows.getString(8),
                        rows.getString(9), rows.getString(10)),
                rows.getString(11), rows.getString(12), rows.getLong(13), instant(rows, 14), rows.getString(15));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <T> List<T> column(List<AccessNotification> rows, Function<AccessNotification, T> value) {
        return rows.stream().map(value).toList();
    }

    private static Array texts(Connection connection, List<AccessNotification> rows,
                               Function<AccessNotification, String> value) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(value).toArray());
    }
}
