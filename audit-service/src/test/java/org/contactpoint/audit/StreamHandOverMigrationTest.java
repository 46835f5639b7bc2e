package org.contactpoint.audit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a running trail to the stream published from the chain (V41): what the outbox had not yet sent of the
 * stream is sent by the new publisher instead, from the first record the outbox had not sent and after the last
 * checkpoint it had; what the earlier release's instances still copy into the outbox during a rolling upgrade is
 * dropped; nothing else in the outbox is touched. Migrated in a database of its own, from V40.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class StreamHandOverMigrationTest {

    private static final String ZEROS = "0".repeat(64);

    @Test
    void theStreamResumesAfterTheLastRecordAndCheckpointTheOutboxSent() throws Exception {
        String database = "audit_handover_" + Fixtures.randomHex(4);
        try (Connection dba = Fixtures.superuser(); Statement sql = dba.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        String url = RealInfrastructure.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try {
            Flyway before = flyway(url).target("40").load();
            before.migrate();
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                 Statement sql = c.createStatement()) {
                for (int sequence = 1; sequence <= 4; sequence++) {
                    sql.executeUpdate("INSERT INTO audit_record (sequence, event_id, source, stored_at, occurred_at,"
                            + " service, user_id, action, outcome, child_ids, canonical_event, previous_hash, record_hash)"
                            + " VALUES (" + sequence + ", 'e" + sequence + "', 'test', now(), now(), 'search-gateway',"
                            + " 'u', 'SEARCH', 'SUCCESS', '{}', '{}', '" + ZEROS + "', '" + hash(sequence) + "')");
                }
                sql.executeUpdate("UPDATE chain_head SET last_sequence = 4, last_hash = '" + hash(4)
                        + "', checkpointed_sequence = 3");
                // Records 1 and 2 and the checkpoint at 1 were sent; 3, the checkpoint at 3 and 4 were not; nor was
                // an alert.
                outbox(sql, "audit.records.v1", "audit.record.stored.v1", "{\"sequence\":1}", true);
                outbox(sql, "audit.records.v1", "audit.chain.checkpointed.v1",
                        "{\"sequence\":1,\"previousCheckpointSequence\":0}", true);
                outbox(sql, "audit.records.v1", "audit.record.stored.v1", "{\"sequence\":2}", true);
                outbox(sql, "audit.records.v1", "audit.record.stored.v1", "{\"sequence\":3}", false);
                outbox(sql, "audit.records.v1", "audit.chain.checkpointed.v1",
                        "{\"sequence\":3,\"previousCheckpointSequence\":1}", false);
                outbox(sql, "audit.alerts.v1", "audit.alert.raised.v1", "{}", false);
                outbox(sql, "audit.records.v1", "audit.record.stored.v1", "{\"sequence\":4}", false);
            }

            flyway(url).load().migrate();

            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                 Statement sql = c.createStatement()) {
                try (ResultSet position = sql.executeQuery(
                        "SELECT published_sequence, checkpointed_sequence FROM audit_stream_position")) {
                    assertThat(position.next()).isTrue();
                    assertThat(position.getLong(1)).as("published up to").isEqualTo(2);
                    assertThat(position.getLong(2)).as("the last checkpoint sent").isEqualTo(1);
                }
                // An instance of the earlier release, still running during a rolling upgrade, copies a record it
                // chains into the outbox: the copy is dropped (this release publishes it from the chain); an alert
                // is kept.
                outbox(sql, "audit.records.v1", "audit.record.stored.v1", "{\"sequence\":5}", false);
                outbox(sql, "audit.alerts.v1", "audit.alert.raised.v1", "{}", false);
                try (ResultSet left = sql.executeQuery("SELECT aggregatetype, sent_at IS NOT NULL FROM outbox_event"
                        + " ORDER BY sequence")) {
                    StringBuilder rows = new StringBuilder();
                    while (left.next()) {
                        rows.append(left.getString(1)).append(left.getBoolean(2) ? " sent" : " unsent").append("; ");
                    }
                    assertThat(rows.toString()).as("the outbox after the hand-over").isEqualTo(
                            "audit.records.v1 sent; audit.records.v1 sent; audit.records.v1 sent; "
                                    + "audit.alerts.v1 unsent; audit.alerts.v1 unsent; ");
                }
            }
        } finally {
            try (Connection dba = Fixtures.superuser(); Statement sql = dba.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, "postgres", "postgres")
                .locations("classpath:db/messaging", "classpath:db/migration").outOfOrder(true);
    }

    private static String hash(int sequence) {
        return String.valueOf(sequence).repeat(64);
    }

    private static void outbox(Statement sql, String topic, String type, String payload, boolean sent)
            throws Exception {
        sql.executeUpdate("INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, sent_at) VALUES ("
                + "gen_random_uuid(), '" + topic + "', 'k', '" + type + "', '" + payload + "', "
                + (sent ? "now()" : "NULL") + ")");
    }
}
