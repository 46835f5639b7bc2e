package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.SearchTally;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Per-user, per-minute search counts for the search-burst rule, read and added to a batch at a time. */
@ApplicationScoped
public class SearchTallyRepository {

    private static final String READ = """
            SELECT user_id, minute, searches FROM search_tally
            WHERE user_id = ANY(?) AND minute > CAST(? AS timestamptz) AND minute <= CAST(? AS timestamptz)""";
    private static final String ADD = """
            INSERT INTO search_tally (user_id, minute, searches)
            SELECT t.user_id, CAST(t.minute AS timestamptz), t.searches FROM unnest(?, ?, ?) AS t(user_id, minute, searches)
            ORDER BY 1, 2
            ON CONFLICT (user_id, minute) DO UPDATE
            SET searches = search_tally.searches + EXCLUDED.searches, touched_at = now()""";
    private static final String FORGET = "DELETE FROM search_tally WHERE touched_at < CAST(? AS timestamptz)";

    private final DataSource dataSource;

    public SearchTallyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The users' counts for the minutes in {@code (from, to]}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SearchTally> read(Collection<String> users, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(READ)) {
            select.setObject(1, Jdbc.texts(connection, users));
            select.setString(2, from.toString());
            select.setString(3, to.toString());
            List<SearchTally> tallies = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tallies.add(new SearchTally(rows.getString(1), rows.getObject(2, java.time.OffsetDateTime.class).toInstant(), rows.getInt(3)));
                }
            }
            return tallies;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read search counts", e);
        }
    }

    /** Adds the batch's searches to the counts, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<SearchTally> increments) {
        if (increments.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(ADD)) {
            upsert.setObject(1, Jdbc.texts(connection, increments.stream().map(SearchTally::userId).toList()));
            upsert.setArray(2, Jdbc.instants(connection, increments.stream().map(SearchTally::minute).toList()));
            upsert.setArray(3, Jdbc.ints(connection, increments.stream().map(SearchTally::searches).toList()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count searches", e);
        }
    }

    /**
     * Forgets counts last added to before {@code before}; returns how many. A scan of the table (about an hour of
     * per-user minutes), every ten minutes: cheaper than an index on {@code touched_at} written by every search.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetTouchedBefore(Instant before) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(FORGET)) {
            delete.setString(1, before.toString());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget old search counts", e);
        }
    }
}
