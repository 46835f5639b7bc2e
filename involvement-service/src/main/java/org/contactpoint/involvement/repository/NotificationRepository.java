package org.contactpoint.involvement.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.involvement.domain.ServiceType;

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

/** The inboxes: notifications written with the change that causes them, read and acknowledged by their recipient. */
@ApplicationScoped
public class NotificationRepository {

    private static final String COLUMNS = """
            id, recipient_kind, recipient, recipient_name, type, contact_point_id, message, service_type,
            service_organisation_name, service_organisation_code, local_authority, previous_local_authority,
            created_at, acknowledged_at""";

    // A misuse investigation's details (V33); read with every page, written only by deliverInvestigationNotices.
    private static final String INVESTIGATION_COLUMNS = """
            investigation_id, investigation_rule, investigation_user_id, investigation_user_name,
            investigation_organisation, investigation_account_suspended""";

    // Not pushed to a webhook (webhook_due_at stays null): the webhook's body, InvolvementNotification, is about a child.
    private static final String INSERT_INVESTIGATION = "INSERT INTO notification (" + COLUMNS + ", "
            + INVESTIGATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    // All of them in one statement (a batch's notifications are a row each for as many as it starts involvements with
    // others: one statement, not one execution a row). Due for its organisation's webhook at once when the
    // organisation has one.
    private static final String INSERT = "INSERT INTO notification (" + COLUMNS + ", webhook_due_at) SELECT "
            + COLUMNS + """
            , CASE WHEN recipient_kind = 'ORGANISATION'
                    AND EXISTS (SELECT 1 FROM webhook w WHERE w.organisation_code = recipient) THEN created_at END
            FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::timestamptz[], ?::timestamptz[]) AS n(""" + COLUMNS + ")";

    private static final String REGISTER_WEBHOOK = """
            INSERT INTO webhook (organisation_code, url, secret, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (organisation_code) DO UPDATE SET (url, secret, registered_by, registered_at)
                = (EXCLUDED.url, EXCLUDED.secret, EXCLUDED.registered_by, EXCLUDED.registered_at)""";

    // Several replicas may push at once: each takes rows no other holds.
    private static final String DUE = "SELECT w.url, w.secret, n.webhook_attempts, " + prefixed("n.") + """
             FROM notification n JOIN webhook w ON w.organisation_code = n.recipient
            WHERE n.webhook_due_at <= ? AND n.recipient_kind = 'ORGANISATION'
            ORDER BY n.webhook_due_at LIMIT ? FOR UPDATE OF n SKIP LOCKED""";

    private static final String PUSHED = """
            UPDATE notification SET webhook_attempts = webhook_attempts + 1, webhook_due_at = ?,
                                    webhook_delivered_at = ? WHERE id = ?""";

    // Unacknowledged first, oldest first: the order of the notification_inbox index.
    private static final String PAGE = "SELECT " + COLUMNS + ", " + INVESTIGATION_COLUMNS + """
             FROM notification WHERE recipient_kind = ? AND recipient = ?
            ORDER BY (acknowledged_at IS NOT NULL), created_at, id OFFSET ? LIMIT ?""";

    // Only the recipient's own: anyone else's is indistinguishable from one that does not exist. The first
    // acknowledgement stands.
    private static final String ACKNOWLEDGE = """
            UPDATE notification SET acknowledged_at = COALESCE(acknowledged_at, ?),
                                    acknowledged_by = COALESCE(acknowledged_by, ?)
            WHERE id = ? AND recipient_kind = ? AND recipient = ? RETURNING """ + " " + COLUMNS + ", "
            + INVESTIGATION_COLUMNS;

    private static final String DELETE_FOR_CHILD = "DELETE FROM notification WHERE contact_point_id = ?";
    private static final String DELETE_EXPIRED = """
            DELETE FROM notification WHERE id IN (
                SELECT id FROM notification WHERE created_at < ? OR acknowledged_at < ? LIMIT ?)""";

    private final DataSource dataSource;

    public NotificationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes them in one statement, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deliver(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        int size = notifications.size();
        String[][] columns = new String[14][size];
        for (int i = 0; i < size; i++) {
            Notification n = notifications.get(i);
            Notification.NewService service = n.newService();
            String[] row = {n.id().toString(), n.recipient().kind().name(), n.recipient().code(),
                    n.recipient().name(), n.type(), n.contactPointId(), n.message(),
                    service == null ? null : service.serviceType().name(),
                    service == null ? null : service.organisationName(),
                    service == null ? null : service.organisationCode(), n.localAuthority(),
                    n.previousLocalAuthority(), n.occurredAt().toString(),
                    n.acknowledgedAt() == null ? null : n.acknowledgedAt().toString()};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int c = 0; c < columns.length; c++) {
                insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not deliver " + size + " notification(s)", e);
        }
    }

    /**
     * Writes misuse investigations' notices in one batch, in the caller's transaction; each names no child and is
     * kept in its inbox only (never pushed to a webhook).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deliverInvestigationNotices(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_INVESTIGATION)) {
            for (Notification n : notifications) {
                Notification.Investigation investigation = n.investigation();
                insert.setObject(1, n.id());
                insert.setString(2, n.recipient().kind().name());
                insert.setString(3, n.recipient().code());
                insert.setString(4, n.recipient().name());
                insert.setString(5, n.type());
                insert.setString(6, null);
                insert.setString(7, n.message());
                insert.setString(8, null);
                insert.setString(9, null);
                insert.setString(10, null);
                insert.setString(11, null);
                insert.setString(12, null);
                insert.setTimestamp(13, Timestamp.from(n.occurredAt()));
                insert.setTimestamp(14, null);
                insert.setObject(15, investigation.investigationId());
                insert.setString(16, investigation.rule());
                insert.setString(17, investigation.userId());
                insert.setString(18, investigation.userName());
                insert.setString(19, investigation.organisation());
                insert.setBoolean(20, investigation.accountSuspended());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not deliver " + notifications.size() + " investigation notice(s)", e);
        }
    }

    /** One page of the recipient's inbox: {@code rows} from {@code offset}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> inbox(Notification.Recipient recipient, int offset, int rows) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement page = connection.prepareStatement(PAGE)) {
            page.setString(1, recipient.kind().name());
            page.setString(2, recipient.code());
            page.setInt(3, offset);
            page.setInt(4, rows);
            List<Notification> found = new ArrayList<>();
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an inbox", e);
        }
    }

    /** Marks the recipient's own notification acknowledged; empty when it has none with this id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Notification> acknowledge(UUID id, Notification.Recipient recipient, String by, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(ACKNOWLEDGE)) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, by);
            update.setObject(3, id);
            update.setString(4, recipient.kind().name());
            update.setString(5, recipient.code());
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not acknowledge notification " + id, e);
        }
    }

    /** The organisation's webhook, replacing the one it had. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registerWebhook(String organisationCode, String url, String secret, String by, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(REGISTER_WEBHOOK)) {
            upsert.setString(1, organisationCode);
            upsert.setString(2, url);
            upsert.setString(3, secret);
            upsert.setString(4, by);
            upsert.setTimestamp(5, Timestamp.from(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not register the webhook of " + organisationCode, e);
        }
    }

    /** A notification due for its organisation's webhook, with where to push it and how many attempts it has had. */
    public record DuePush(Notification notification, String url, String secret, int attempts) {
    }

    /** Up to {@code limit} notifications due by {@code now}, locked for this transaction, oldest due first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DuePush> dueForWebhook(Instant now, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement due = connection.prepareStatement(DUE)) {
            due.setTimestamp(1, Timestamp.from(now));
            due.setInt(2, limit);
            List<DuePush> found = new ArrayList<>();
            try (ResultSet rs = due.executeQuery()) {
                while (rs.next()) {
                    found.add(new DuePush(read(rs), rs.getString("url"), rs.getString("secret"),
                            rs.getInt("webhook_attempts")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the notifications due for webhooks", e);
        }
    }

    /** Records an attempt: delivered ({@code deliveredAt}), or due again at {@code dueAt} (null: no more attempts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pushed(UUID id, Instant deliveredAt, Instant dueAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(PUSHED)) {
            update.setTimestamp(1, dueAt == null ? null : Timestamp.from(dueAt));
            update.setTimestamp(2, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            update.setObject(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the push of notification " + id, e);
        }
    }

    private static String prefixed(String prefix) {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(",")).map(c -> prefix + c.strip())
                .toList());
    }

    /** A purged child leaves nothing behind, its notifications included. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteForChild(String contactPointId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_FOR_CHILD)) {
            delete.setString(1, contactPointId);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the notifications of " + contactPointId, e);
        }
    }

    /**
     * Deletes up to {@code limit} notifications made before {@code madeBefore} or acknowledged before
     * {@code acknowledgedBefore}, in one statement; returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteExpired(Instant madeBefore, Instant acknowledgedBefore, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
            delete.setTimestamp(1, Timestamp.from(madeBefore));
            delete.setTimestamp(2, Timestamp.from(acknowledgedBefore));
            delete.setInt(3, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete expired notifications", e);
        }
    }

    private static Notification read(ResultSet rs) throws SQLException {
        String serviceType = rs.getString("service_type");
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new Notification(rs.getObject("id", UUID.class),
                new Notification.Recipient(Notification.Recipient.Kind.valueOf(rs.getString("recipient_kind")),
                        rs.getString("recipient"), rs.getString("recipient_name")),
                rs.getString("type"), rs.getString("contact_point_id"), rs.getString("message"),
                serviceType == null ? null : new Notification.NewService(ServiceType.valueOf(serviceType),
                        rs.getString("service_organisation_name"), rs.getString("service_organisation_code")),
                rs.getString("local_authority"), rs.getString("previous_local_authority"),
                rs.getTimestamp("created_at").toInstant(), acknowledged == null ? null : acknowledged.toInstant(),
                investigation(rs));
    }

    /** The investigation a notice tells of, when the row has the columns (every page does) and is one. */
    private static Notification.Investigation investigation(ResultSet rs) throws SQLException {
        java.sql.ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if ("investigation_id".equalsIgnoreCase(meta.getColumnLabel(i))) {
                UUID id = rs.getObject(i, UUID.class);
                return id == null ? null : new Notification.Investigation(id, rs.getString("investigation_rule"),
                        rs.getString("investigation_user_id"), rs.getString("investigation_user_name"),
                        rs.getString("investigation_organisation"), rs.getBoolean("investigation_account_suspended"));
            }
        }
        return null;
    }
}
