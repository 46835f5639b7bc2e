package org.contactpoint.audit.application;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.Account;
import org.contactpoint.audit.domain.AccountDirectory;
import org.contactpoint.audit.domain.AccountStatus;
import org.contactpoint.audit.domain.DirectoryUnavailable;
import org.contactpoint.audit.domain.PartnerOrganisation;
import org.contactpoint.audit.messaging.out.SuspensionPublisher;
import org.contactpoint.audit.repository.AccountRepository;
import org.contactpoint.audit.security.Roles;
import org.contactpoint.events.audit.AuditEvent.Outcome;
import org.contactpoint.support.domain.Conflict;
import org.contactpoint.support.domain.ExpectedVersion;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.Rejected;
import org.contactpoint.support.domain.StaleVersion;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A local authority's team administering the accounts of its own staff and of partner organisations' staff: create,
 * suspend, reinstate, close, list; and registering partner organisations. An authority sees and changes only the
 * accounts it administers (the token's {@code la}). Every change and read is chained in the audit trail.
 * <p>
 * A suspension or closure is recorded and published before the identity provider is told: what every service refuses
 * is the published suspension, so it holds at once and even while the identity provider is unreachable (which only
 * stops the user signing in afresh). A reinstatement is the other way round: the identity provider first, so a failure
 * leaves the account suspended.
 */
@ApplicationScoped
public class Accounts {

    static final String CREATE = "CREATE_ACCOUNT";
    static final String LIST = "LIST_ACCOUNTS";
    static final String SUSPEND = "SUSPEND_ACCOUNT";
    static final String REINSTATE = "REINSTATE_ACCOUNT";
    static final String CLOSE = "CLOSE_ACCOUNT";
    static final String REGISTER_PARTNER = "REGISTER_PARTNER_ORGANISATION";
    static final String LIST_PARTNERS = "LIST_PARTNER_ORGANISATIONS";

    private static final String ACCOUNT = "The account";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern ORGANISATION_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int MAX_TEXT = 200;

    private final AccountRepository accounts;
    private final AccountDirectory directory;
    private final SuspensionPublisher suspensions;
    private final AccessRecorder recorder;
    private final Clock clock;

    public Accounts(AccountRepository accounts, AccountDirectory directory, SuspensionPublisher suspensions,
                    AccessRecorder recorder, Clock clock) {
        this.accounts = accounts;
        this.directory = directory;
        this.suspensions = suspensions;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** A new account: its organisation is the authority's own (the caller's) or a partner registered for it. */
    public record NewAccount(String username, String name, String email, String organisationCode,
                             List<String> roles) {
    }

    public record AccountPage(List<Account> accounts, boolean more) {
    }

    public Account create(Caller caller, NewAccount request) {
        String authority = authorityOf(caller);
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw Rejected.field("username", "must be 3 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        String name = text("name", request.name());
        if (request.roles() == null || request.roles().isEmpty()) {
            throw Rejected.field("roles", "must name at least one role");
        }
        if (request.roles().contains(null)) {
            throw Rejected.field("roles", "must be role names, not null");
        }
        List<String> roles = List.copyOf(new LinkedHashSet<>(request.roles()));
        if (!Roles.GRANTED_BY_AUTHORITIES.containsAll(roles)) {
            throw Rejected.field("roles", "a local authority may give only " + Roles.GRANTED_BY_AUTHORITIES);
        }
        String organisationCode = request.organisationCode() == null ? caller.organisationCode()
                : request.organisationCode();
        String organisation;
        if (organisationCode != null && organisationCode.equals(caller.organisationCode())) {
            organisation = caller.organisation();
        } else {
            PartnerOrganisation partner = organisationCode == null ? null : accounts.partner(organisationCode)
                    .filter(found -> found.availableTo(authority)).orElse(null);
            if (partner == null) {
                throw Rejected.field("organisationCode",
                        "is neither your authority's own organisation nor a partner organisation registered for it");
            }
            if (!partner.roles().containsAll(roles)) {
                throw Rejected.field("roles", partner.name() + " was registered for " + partner.roles() + " only");
            }
            organisation = partner.name();
        }
        if (accounts.usernameTaken(request.username())) {
            throw Conflict.onField("The username is taken", "username", "is taken");
        }
        String userId = directory.create(new AccountDirectory.NewUser(request.username(), name, request.email(),
                roles, organisation, organisationCode, authority));
        Instant now = clock.instant();
        Account account = new Account(userId, request.username(), name, authority, organisationCode, organisation,
                roles, AccountStatus.ACTIVE, null, caller.userId(), now, now, 1);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                accounts.insert(account);
                record(caller, CREATE, account, Map.of("roles", String.join(",", roles)));
            });
        } catch (RuntimeException e) {
            // Not recorded (nor audited): the identity provider's user must not outlive it.
            directory.remove(userId);
            throw e;
        }
        return account;
    }

    /** The caller's authority's accounts, by username; the read is chained. */
    public AccountPage list(Caller caller, int offset, int size) {
        String authority = authorityOf(caller);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Account> found = accounts.page(authority, offset, size + 1);
            List<Account> page = found.size() > size ? found.subList(0, size) : found;
            recorder.record(caller, null, LIST, Outcome.SUCCESS,
                    Map.of("localAuthority", authority, "offset", String.valueOf(offset)), List.of(), page.size());
            return new AccountPage(List.copyOf(page), found.size() > size);
        });
    }

    /**
     * Suspends the account from its next request in every service; suspending a suspended account changes nothing.
     * Only while it is at a version the caller read (else {@link StaleVersion}, nothing
     * changed); the comparison is made with the account locked, in the change's own transaction.
     */
    public Account suspend(Caller caller, String userId, String reason, ExpectedVersion expected) {
        String why = text("reason", reason);
        String authority = authorityOf(caller);
        Account suspended = QuarkusTransaction.requiringNew().call(() -> {
            Account account = administered(authority, userId);
            expected.require(account.version(), ACCOUNT);
            if (account.status() == AccountStatus.CLOSED) {
                throw new Conflict("The account is closed");
            }
            if (account.status() == AccountStatus.SUSPENDED) {
                return account;
            }
            return refuse(account, AccountStatus.SUSPENDED, why, caller.userId(), caller);
        });
        tellDirectory(suspended);
        return suspended;
    }

    /**
     * Suspends an account a misuse rule has flagged, whichever authority administers it; an account ContactPoint does
     * not administer (a demo or system account) is left to its operators. Called in the alert's transaction.
     *
     * @return the suspended account, when there was one to suspend
     */
    public java.util.Optional<Account> suspendForMisuse(String userId, String rule, String reason) {
        java.util.Optional<Account> account = accounts.lock(userId)
                .filter(found -> found.status() == AccountStatus.ACTIVE);
        return account.map(found -> {
            Instant now = clock.instant();
            Account suspended = found.withStatus(AccountStatus.SUSPENDED, reason, now);
            accounts.setStatus(userId, AccountStatus.SUSPENDED, reason, now);
            suspensions.refused(suspended, rule, now);
            return suspended;
        });
    }

    /** Tells the identity provider about a suspension already in force (after the alert's transaction). */
    public void tellDirectory(Account refused) {
        try {
            directory.disable(refused.userId());
        } catch (DirectoryUnavailable e) {
            // The suspension holds in every service regardless; only a fresh sign-in is not yet stopped.
            Log.errorf(e, "ALERT account %s is %s but the identity provider was not told: disable it there",
                    refused.userId(), refused.status());
        }
    }

    /**
     * Lets a suspended account act again, only while it is at a version the caller read. Checked before the identity
     * provider is told, and again with the account locked in the change's transaction; refused there, the identity
     * provider is told to disable the account again, as it still is suspended.
     */
    public Account reinstate(Caller caller, String userId, ExpectedVersion expected) {
        String authority = authorityOf(caller);
        Account current = accounts.find(userId).filter(account -> account.localAuthority().equals(authority))
                .orElseThrow(() -> new NotFound("No such account in your local authority"));
        expected.require(current.version(), ACCOUNT);
        if (current.status() != AccountStatus.SUSPENDED) {
            throw new Conflict("Only a suspended account can be reinstated; this one is " + current.status());
        }
        directory.enable(userId);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Account account = administered(authority, userId);
                expected.require(account.version(), ACCOUNT);
                if (account.status() != AccountStatus.SUSPENDED) {
                    throw new Conflict("Only a suspended account can be reinstated; this one is " + account.status());
                }
                Instant now = clock.instant();
                Account active = account.withStatus(AccountStatus.ACTIVE, null, now);
                accounts.setStatus(userId, AccountStatus.ACTIVE, null, now);
                suspensions.reinstated(userId);
                record(caller, REINSTATE, active, Map.of());
                return active;
            });
        } catch (StaleVersion | Conflict e) {
            // Someone changed the account between the two checks: it is not active, so it must not sign in either.
            accounts.find(userId).filter(account -> account.status() != AccountStatus.ACTIVE)
                    .ifPresent(this::tellDirectory);
            throw e;
        }
    }

    /**
     * Closes the account for good: it is refused everywhere and cannot be reinstated; its audit trail stays. Only while
     * it is at a version the caller read (compared with the account locked).
     */
    public Account close(Caller caller, String userId, String reason, ExpectedVersion expected) {
        String why = text("reason", reason);
        String authority = authorityOf(caller);
        Account closed = QuarkusTransaction.requiringNew().call(() -> {
            Account account = administered(authority, userId);
            expected.require(account.version(), ACCOUNT);
            if (account.status() == AccountStatus.CLOSED) {
                return account;
            }
            return refuse(account, AccountStatus.CLOSED, why, caller.userId(), caller);
        });
        tellDirectory(closed);
        return closed;
    }

    /** One account of the caller's authority; the read is chained. */
    public Account get(Caller caller, String userId) {
        String authority = authorityOf(caller);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = administered(authority, userId);
            recorder.record(caller, null, "VIEW_ACCOUNT", Outcome.SUCCESS, Map.of("userId", userId), List.of(), 1);
            return account;
        });
    }

    /**
     * Registers a partner organisation: for the caller's own authority, or nationally (an administrator only), with
     * the roles its staff may hold.
     */
    public PartnerOrganisation registerPartner(Caller caller, String organisationCode, String name,
                                               List<String> roles, boolean national) {
        if (organisationCode == null || !ORGANISATION_CODE.matcher(organisationCode).matches()) {
            throw Rejected.field("organisationCode", "must be 1 to 32 letters, digits, '-' or '_'");
        }
        String named = text("name", name);
        if (roles == null || roles.isEmpty()) {
            throw Rejected.field("roles", "must name at least one role");
        }
        if (roles.contains(null)) {
            throw Rejected.field("roles", "must be role names, not null");
        }
        List<String> allowed = List.copyOf(new LinkedHashSet<>(roles));
        if (!Roles.GRANTED_BY_AUTHORITIES.containsAll(allowed)) {
            throw Rejected.field("roles", "a partner organisation's staff may hold only " + Roles.GRANTED_BY_AUTHORITIES);
        }
        String authority;
        if (national) {
            if (!caller.hasRole(Roles.ADMINISTRATOR)) {
                throw new Forbidden("Only an administrator registers a national partner organisation");
            }
            authority = null;
        } else {
            if (!caller.hasRole(Roles.LA_MANAGEMENT)) {
                throw new Forbidden("Only a local authority's team registers a partner organisation for itself");
            }
            authority = authorityOf(caller);
        }
        PartnerOrganisation partner = new PartnerOrganisation(organisationCode, named, authority, allowed,
                caller.userId(), clock.instant());
        QuarkusTransaction.requiringNew().run(() -> {
            if (!accounts.insert(partner)) {
                throw Conflict.onField("The organisation is registered already", "organisationCode", "is registered");
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("organisationCode", organisationCode);
            query.put("national", String.valueOf(national));
            query.put("roles", String.join(",", allowed));
            recorder.record(caller, null, REGISTER_PARTNER, Outcome.SUCCESS, query, List.of(), 1);
        });
        return partner;
    }

    /** The partners the caller's authority may give accounts to (an administrator without an authority: all). */
    public List<PartnerOrganisation> partners(Caller caller) {
        String authority = caller.hasRole(Roles.LA_MANAGEMENT) ? authorityOf(caller) : null;
        return accounts.partnersAvailableTo(authority);
    }

    /** Chains the refusal of a suspended or closed account's request; a lost record must not turn 403 into 500. */
    public void refusedWhileSuspended(Caller caller, String action) {
        try {
            QuarkusTransaction.requiringNew().run(() -> recorder.record(caller, null, action, Outcome.DENIED,
                    Map.of("status", "403", "refused", "account suspended"), List.of(), 0));
        } catch (RuntimeException e) {
            Log.errorf(e, "ALERT the refused request of suspended account %s could not be audited", caller.userId());
        }
    }

    private Account refuse(Account account, AccountStatus status, String reason, String by, Caller caller) {
        Instant now = clock.instant();
        Account refused = account.withStatus(status, reason, now);
        accounts.setStatus(account.userId(), status, reason, now);
        suspensions.refused(refused, by, now);
        record(caller, status == AccountStatus.CLOSED ? CLOSE : SUSPEND, refused, Map.of("reason", reason));
        return refused;
    }

    /** The account, if the authority administers it; another authority's account is not found, not forbidden. */
    private Account administered(String authority, String userId) {
        return accounts.lock(userId).filter(account -> account.localAuthority().equals(authority))
                .orElseThrow(() -> new NotFound("No such account in your local authority"));
    }

    private void record(Caller caller, String action, Account account, Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("userId", account.userId());
        query.put("username", account.username());
        query.put("organisationCode", account.organisationCode());
        query.putAll(extra);
        recorder.record(caller, null, action, Outcome.SUCCESS, query, List.of(), 1);
    }

    private static String authorityOf(Caller caller) {
        if (caller.localAuthority() == null || caller.localAuthority().isBlank()) {
            throw new Forbidden("Your token names no local authority");
        }
        return caller.localAuthority();
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Rejected.field(field, "must not be blank");
        }
        if (value.length() > MAX_TEXT) {
            throw Rejected.field(field, "must be at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }
}
