package org.contactpoint.audit.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.Account;
import org.contactpoint.audit.domain.AccountStatus;
import org.contactpoint.events.accounts.AccountSuspension;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Instant;

/**
 * Tells every service which accounts to refuse, through the outbox in the caller's transaction: a suspension or closure
 * on the compacted {@code audit.account-suspensions.v1}, keyed by the user id; a reinstatement as a tombstone.
 */
@ApplicationScoped
public class SuspensionPublisher {

    private final OutboxWriter outbox;

    public SuspensionPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** The account as it now stands, suspended or closed, and by whom (a user id, or a misuse rule's name). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refused(Account account, String by, Instant since) {
        boolean closed = account.status() == AccountStatus.CLOSED;
        outbox.append(AccountSuspension.TOPIC, account.userId(),
                closed ? AccountSuspension.CLOSED : AccountSuspension.SUSPENDED,
                new AccountSuspension(account.userId(), account.status().name(), account.statusReason(),
                        account.localAuthority(), since, by));
    }

    /** The account may act again: its key is deleted from the topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reinstated(String userId) {
        outbox.append(AccountSuspension.TOPIC, userId, AccountSuspension.REINSTATED, null);
    }
}
