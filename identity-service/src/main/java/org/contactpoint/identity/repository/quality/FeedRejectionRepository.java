package org.contactpoint.identity.repository.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.quality.FeedRejection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** Source records refused over REST or Kafka ({@code source_record_rejection}), counted by the data-quality report. */
@ApplicationScoped
public class FeedRejectionRepository {

    private static final String INSERT = """
            INSERT INTO source_record_rejection (received_at, channel, source, local_authority, reason, message_id)
            SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
            ON CONFLICT (message_id) DO NOTHING""";

    private final DataSource dataSource;

    public FeedRejectionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<FeedRejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("timestamptz",
                    rejections.stream().map(r -> Timestamp.from(r.receivedAt())).toArray()));
            insert.setArray(2, connection.createArrayOf("text",
                    rejections.stream().map(r -> r.channel().name()).toArray()));
            insert.setArray(3, connection.createArrayOf("text", rejections.stream().map(FeedRejection::source).toArray()));
            insert.setArray(4, connection.createArrayOf("text",
                    rejections.stream().map(FeedRejection::localAuthority).toArray()));
            insert.setArray(5, connection.createArrayOf("text", rejections.stream().map(FeedRejection::reason).toArray()));
            insert.setArray(6, connection.createArrayOf("text",
                    rejections.stream().map(FeedRejection::messageId).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + rejections.size() + " refused source records", e);
        }
    }
}
