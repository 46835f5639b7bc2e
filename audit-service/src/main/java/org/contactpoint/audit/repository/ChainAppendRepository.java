package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AuditRecord;
import org.contactpoint.audit.domain.ChainLink;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The append path of the chain in plain JDBC, a batch at a time: the head locked once, the batch's records in one
 * multi-row insert, the head moved once. The connection is the one enlisted in the caller's transaction, so the head
 * stays locked until that transaction ends.
 */
@ApplicationScoped
public class ChainAppendRepository {

    private static final String LOCK_HEAD = "SELECT last_sequence, last_hash FROM chain_head WHERE id = 1 FOR UPDATE";
    private static final String CHAINED = "SELECT event_id FROM audit_record WHERE event_id = ANY(?)";
    private static final String INSERT = """
            INSERT INTO audit_record (sequence, event_id, source, stored_at, occurred_at, service, user_id,
                                      organisation, organisation_code, action, outcome, purpose, child_ids,
                                      canonical_event, previous_hash, record_hash, stream_trace)
            SELECT r.sequence, r.event_id, r.source, CAST(? AS timestamptz), CAST(r.occurred_at AS timestamptz), r.service, r.user_id,
                   r.organisation, r.organisation_code, r.action, r.outcome, r.purpose, CAST(r.child_ids AS text[]),
                   r.canonical_event, r.previous_hash, r.record_hash, r.stream_trace
            FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                 AS r(sequence, event_id, source, occurred_at, service, user_id, organisation, organisation_code,
                      action, outcome, purpose, child_ids, canonical_event, previous_hash, record_hash, stream_trace)""";
    private static final String ADVANCE = "UPDATE chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1";

    /**
     * A record linked in memory and the trace its {@code audit.records.v1} event continues ({@code Tracing.serialise}
     * lines, null for none).
     */
    public record Row(AuditRecord record, String streamTrace) {
    }

    private final DataSource dataSource;

    public ChainAppendRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The head, locked FOR UPDATE until the caller's transaction ends: the chain's one writer at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ChainLink lockHead() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCK_HEAD);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the chain has no head row");
            }
            return new ChainLink(row.getLong(1), row.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock the chain head", e);
        }
    }

    /** Which of these event ids are already chained. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> chainedAmong(Collection<String> eventIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CHAINED)) {
            select.setObject(1, Jdbc.texts(connection, eventIds));
            Set<String> chained = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    chained.add(rows.getString(1));
                }
            }
            return chained;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up chained events", e);
        }
    }

    /** Inserts records already linked in memory, in one statement; they share one store time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<AuditRecord> records = rows.stream().map(Row::record).toList();
        int n = records.size();
        List<Long> sequences = new ArrayList<>(n);
        List<String> eventIds = new ArrayList<>(n), sources = new ArrayList<>(n), occurredAt = new ArrayList<>(n),
                services = new ArrayList<>(n), users = new ArrayList<>(n), organisations = new ArrayList<>(n),
                organisationCodes = new ArrayList<>(n), actions = new ArrayList<>(n), outcomes = new ArrayList<>(n),
                purposes = new ArrayList<>(n), childIds = new ArrayList<>(n), events = new ArrayList<>(n),
                previous = new ArrayList<>(n), hashes = new ArrayList<>(n), traces = new ArrayList<>(n);
        for (Row row : rows) {
            AuditRecord record = row.record();
            traces.add(row.streamTrace());
            if (!record.storedAt().equals(records.get(0).storedAt())) {
                throw new IllegalArgumentException("a batch of records shares one store time");
            }
            sequences.add(record.sequence());
            eventIds.add(record.eventId());
            sources.add(record.source());
            occurredAt.add(record.occurredAt().toString());
            services.add(record.service());
            users.add(record.userId());
            organisations.add(record.organisation());
            organisationCodes.add(record.organisationCode());
            actions.add(record.action());
            outcomes.add(record.outcome());
            purposes.add(record.purpose());
            childIds.add(Jdbc.arrayLiteral(record.childIds()));
            events.add(record.canonicalEvent());
            previous.add(record.previousHash());
            hashes.add(record.recordHash());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, records.get(0).storedAt().toString());
            insert.setArray(2, Jdbc.longs(connection, sequences));
            int column = 3;
            for (List<String> values : List.of(eventIds, sources, occurredAt, services, users, organisations,
                    organisationCodes, actions, outcomes, purposes, childIds, events, previous, hashes, traces)) {
                insert.setObject(column++, Jdbc.texts(connection, values));
            }
            int inserted = insert.executeUpdate();
            if (inserted != n) {
                throw new IllegalStateException("inserted " + inserted + " of " + n + " audit records");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append " + n + " audit records", e);
        }
    }

    /** Moves the head to the batch's last record (the head is locked by this transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advanceHead(ChainLink head) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            update.setLong(1, head.sequence());
            update.setString(2, head.hash());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move the chain head", e);
        }
    }
}
