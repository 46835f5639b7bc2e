package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Synchronization;
import org.contactpoint.audit.config.MisuseResponseConfig;
import org.contactpoint.audit.domain.Account;
import org.contactpoint.audit.domain.Investigation;
import org.contactpoint.audit.messaging.out.InvestigationPublisher;
import org.contactpoint.audit.repository.AccountRepository;
import org.contactpoint.audit.repository.InvestigationRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a HIGH alert does besides being published, in the transaction that raises it: the account of the user it names
 * is suspended at once when the rule is configured to (and ContactPoint administers the account), and an investigation
 * opens in the inbox of the local authority team that administers it; both are chained in the audit trail, by the
 * misuse rules as actor. The identity provider is told of a suspension once the transaction has committed.
 */
@ApplicationScoped
public class MisuseResponse {

    static final String OPEN_INVESTIGATION = "OPEN_MISUSE_INVESTIGATION";
    /** The actor the misuse rules' own actions are chained under. */
    static final Caller RULES = new Caller("audit-service:misuse-rules", "ContactPoint misuse rules", Set.of(),
            "ContactPoint", null, null);

    private final MisuseResponseConfig config;
    private final Accounts accounts;
    private final AccountRepository accountRecords;
    private final InvestigationRepository investigations;
    private final AccessRecorder recorder;
    private final TransactionSynchronizationRegistry transactions;
    private final InvestigationPublisher publisher;
    private final Clock clock;

    public MisuseResponse(MisuseResponseConfig config, Accounts accounts, AccountRepository accountRecords,
                          InvestigationRepository investigations, AccessRecorder recorder,
                          TransactionSynchronizationRegistry transactions, InvestigationPublisher publisher,
                          Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.accountRecords = accountRecords;
        this.investigations = investigations;
        this.recorder = recorder;
        this.transactions = transactions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Whether {@link #raised} does anything for the alert: only a HIGH alert naming a user has a response. */
    static boolean respondsTo(MisuseAlert alert) {
        return "HIGH".equals(alert.severity()) && alert.actor() != null && alert.actor().userId() != null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void raised(MisuseAlert alert) {
        if (!respondsTo(alert)) {
            return;
        }
        AuditEvent.Actor actor = alert.actor();
        Optional<Account> suspended = Optional.empty();
        if (config.suspendOn().contains(alert.rule())) {
            suspended = accounts.suspendForMisuse(actor.userId(), alert.rule(),
                    "Suspended by the " + alert.rule() + " misuse rule: " + alert.summary());
        }
        String authority = suspended.map(Account::localAuthority)
                .or(() -> accountRecords.find(actor.userId()).map(Account::localAuthority))
                .orElse(actor.localAuthority());
        Investigation investigation = new Investigation(UUID.randomUUID(), UUID.fromString(alert.alertId()),
                alert.rule(), alert.summary(), actor.userId(), actor.name(), actor.organisation(),
                actor.organisationCode(), authority, suspended.isPresent(), clock.instant(), null, null, null, null, 1);
        investigations.open(investigation);
        // The user's organisation and the investigating team are told in their inboxes (involvement-service); the
        // chained record below names both recipients.
        publisher.opened(investigation);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("alertId", alert.alertId());
        query.put("rule", alert.rule());
        query.put("userId", actor.userId());
        query.put("investigationId", investigation.investigationId().toString());
        query.put("localAuthority", String.valueOf(authority));
        query.put("notified", "organisation " + actor.organisationCode() + ", local authority " + authority
                + " (audit.investigations.v1)");
        recorder.record(RULES, null, OPEN_INVESTIGATION, AuditEvent.Outcome.SUCCESS, query, List.of(), 1);
        suspended.ifPresent(account -> {
            Map<String, String> suspension = new LinkedHashMap<>();
            suspension.put("userId", account.userId());
            suspension.put("username", account.username());
            suspension.put("organisationCode", account.organisationCode());
            suspension.put("alertId", alert.alertId());
            suspension.put("rule", alert.rule());
            recorder.record(RULES, null, Accounts.SUSPEND, AuditEvent.Outcome.SUCCESS, suspension, List.of(), 1);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        accounts.tellDirectory(account);
                    }
                }
            });
        });
    }
}
