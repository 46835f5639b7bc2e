package org.contactpoint.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Account;
import org.contactpoint.audit.domain.AccountStatus;
import org.contactpoint.audit.domain.PartnerOrganisation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The accounts the local authorities' teams administer, and the partner organisations their staff may belong to. */
@ApplicationScoped
public class AccountRepository {

    private static final String ACCOUNT_COLUMNS = """
            user_id, username, name, local_authority, organisation_code, organisation, roles, status, status_reason,
            created_by, created_at, changed_at, version""";
    private static final String INSERT_ACCOUNT = "INSERT INTO account (" + ACCOUNT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND_ACCOUNT = "SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE user_id = ?";
    /** Locked: two team members suspending and reinstating at once are applied one after the other. */
    private static final String LOCK_ACCOUNT = FIND_ACCOUNT + " FOR UPDATE";
    private static final String PAGE = "SELECT " + ACCOUNT_COLUMNS
            + " FROM account WHERE local_authority = ? ORDER BY username LIMIT ? OFFSET ?";
    private static final String SET_STATUS = """
            UPDATE account SET status = ?, status_reason = ?, changed_at = ?, version = version + 1 WHERE user_id = ?""";
    private static final String USERNAME_TAKEN = "SELECT 1 FROM account WHERE username = ?";

    private static final String PARTNER_COLUMNS = """
            organisation_code, name, local_authority, roles, registered_by, registered_at""";
    private static final String INSERT_PARTNER = "INSERT INTO partner_organisation (" + PARTNER_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (organisation_code) DO NOTHING";
    private static final String FIND_PARTNER = "SELECT " + PARTNER_COLUMNS
            + " FROM partner_organisation WHERE organisation_code = ?";
    /** An authority sees its own partners and the national ones. */
    private static final String PARTNERS_OF = "SELECT " + PARTNER_COLUMNS
            + " FROM partner_organisation WHERE local_authority IS NULL OR local_authority = ?"
            + " ORDER BY name, organisation_code";
    private static final String ALL_PARTNERS = "SELECT " + PARTNER_COLUMNS
            + " FROM partner_organisation ORDER BY name, organisation_code";

    private final DataSource dataSource;

    public AccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(Account account) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_ACCOUNT)) {
            insert.setString(1, account.userId());
            insert.setString(2, account.username());
            insert.setString(3, account.name());
            insert.setString(4, account.localAuthority());
            insert.setString(5, account.organisationCode());
            insert.setString(6, account.organisation());
            insert.setObject(7, Jdbc.texts(connection, account.roles()));
            insert.setString(8, account.status().name());
            insert.setString(9, account.statusReason());
            insert.setString(10, account.createdBy());
            insert.setTimestamp(11, Timestamp.from(account.createdAt()));
            insert.setTimestamp(12, Timestamp.from(account.changedAt()));
            insert.setLong(13, account.version());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the account " + account.userId(), e);
        }
    }

    public boolean usernameTaken(String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(USERNAME_TAKEN)) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look the username up", e);
        }
    }

    /** The account, locked for the rest of the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Account> lock(String userId) {
        return findOne(LOCK_ACCOUNT, userId);
    }

    public Optional<Account> find(String userId) {
        return findOne(FIND_ACCOUNT, userId);
    }

    /** Sets the status and moves the account to its next version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setStatus(String userId, AccountStatus status, String reason, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(SET_STATUS)) {
            update.setString(1, status.name());
            update.setString(2, reason);
            update.setTimestamp(3, Timestamp.from(at));
            update.setString(4, userId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not change the account " + userId, e);
        }
    }

    /** One page of an authority's accounts by username, one more than asked so the caller knows whether more follow. */
    public List<Account> page(String localAuthority, int offset, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, localAuthority);
            select.setInt(2, limit);
            select.setInt(3, offset);
            List<Account> accounts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.add(account(rows));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the accounts", e);
        }
    }

    /** Registers the organisation; false when its code is registered already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insert(PartnerOrganisation partner) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_PARTNER)) {
            insert.setString(1, partner.organisationCode());
            insert.setString(2, partner.name());
            insert.setString(3, partner.localAuthority());
            insert.setObject(4, Jdbc.texts(connection, partner.roles()));
            insert.setString(5, partner.registeredBy());
            insert.setTimestamp(6, Timestamp.from(partner.registeredAt()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not register " + partner.organisationCode(), e);
        }
    }

    public Optional<PartnerOrganisation> partner(String organisationCode) {
        List<PartnerOrganisation> found = partners(FIND_PARTNER, organisationCode);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The partners an authority may give accounts to (its own and the national ones); every one when null. */
    public List<PartnerOrganisation> partnersAvailableTo(String localAuthority) {
        return localAuthority == null ? partners(ALL_PARTNERS, null) : partners(PARTNERS_OF, localAuthority);
    }

    private List<PartnerOrganisation> partners(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<PartnerOrganisation> partners = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    partners.add(new PartnerOrganisation(rows.getString(1), rows.getString(2), rows.getString(3),
                            texts(rows, 4), rows.getString(5), rows.getTimestamp(6).toInstant()));
                }
            }
            return partners;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the partner organisations", e);
        }
    }

    private Optional<Account> findOne(String sql, String userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the account " + userId, e);
        }
    }

    private static Account account(ResultSet rows) throws SQLException {
        return new Account(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), texts(rows, 7), AccountStatus.valueOf(rows.getString(8)),
                rows.getString(9), rows.getString(10), rows.getTimestamp(11).toInstant(),
                rows.getTimestamp(12).toInstant(), rows.getLong(13));
    }

    private static List<String> texts(ResultSet rows, int column) throws SQLException {
        java.sql.Array array = rows.getArray(column);
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
