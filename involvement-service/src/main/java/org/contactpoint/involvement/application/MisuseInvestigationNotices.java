package org.contactpoint.involvement.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.involvement.repository.NotificationRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tells the user's organisation and the local authority team that investigates, each in its own inbox, that a misuse
 * alert opened an investigation into one of the organisation's users; the delivery is chained in the audit trail
 * ({@code NOTIFY_MISUSE_INVESTIGATION}, naming both recipients and no child). The notices stay in the inboxes: a
 * webhook's body is about a child, so they are not pushed.
 */
@ApplicationScoped
public class MisuseInvestigationNotices {

    static final String ACTION = "NOTIFY_MISUSE_INVESTIGATION";
    /** The actor the delivery is recorded under: this service, on audit-service's word. */
    static final AuditEvent.Actor ACTOR = new AuditEvent.Actor("involvement-service:misuse-notices",
            "ContactPoint misuse notices", List.of(), "ContactPoint", null, null);

    private final NotificationRepository inboxes;
    private final AccessAudit audit;

    public MisuseInvestigationNotices(NotificationRepository inboxes, AccessAudit audit) {
        this.inboxes = inboxes;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> opened(MisuseInvestigationOpened opened) {
        Notification.Investigation about = new Notification.Investigation(opened.investigationId(), opened.rule(),
                opened.userId(), opened.userName(), opened.organisation(), opened.accountSuspended());
        List<Notification> notices = new ArrayList<>();
        if (present(opened.organisationCode())) {
            notices.add(notice(Notification.Recipient.organisation(opened.organisationCode(), opened.organisation()),
                    message(opened, "your organisation's"), opened, about));
        }
        if (present(opened.localAuthority())) {
            notices.add(notice(Notification.Recipient.localAuthority(opened.localAuthority()),
                    message(opened, "your team's") + " Close it with an outcome once you have looked into it.",
                    opened, about));
        }
        inboxes.deliverInvestigationNotices(notices);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("investigationId", opened.investigationId().toString());
        query.put("rule", opened.rule());
        query.put("userId", opened.userId());
        query.put("organisationInbox", String.valueOf(opened.organisationCode()));
        query.put("localAuthorityInbox", String.valueOf(opened.localAuthority()));
        audit.success(ACTOR, ACTION, query, List.of(), notices.size());
        return notices;
    }

    private static Notification notice(Notification.Recipient to, String message, MisuseInvestigationOpened opened,
                                       Notification.Investigation about) {
        return new Notification(UUID.randomUUID(), to, Notification.MISUSE_INVESTIGATION, null, message, null, null,
                null, opened.openedAt(), null, about);
    }

    /** In words, with no child data: who, which rule, whether the account was suspended, which investigation. */
    static String message(MisuseInvestigationOpened opened, String whose) {
        String who = present(opened.userName()) ? opened.userName() + " (" + opened.userId() + ")" : opened.userId();
        String rule = switch (opened.rule()) {
            case "SEARCH_BURST" -> "a burst of searches";
            case "OWN_FAMILY_NAME" -> "a search for their own family name";
            case "UNRELATED_CHILDREN" -> "looking up many children no one in their organisation works with";
            default -> "the " + opened.rule() + " misuse rule";
        };
        String message = "A misuse alert (" + rule + ") opened investigation " + opened.investigationId()
                + " into " + who + ", one of " + whose + " users."
                + (opened.accountSuspended() ? " Their account has been suspended." : "");
        return message.length() > 480 ? message.substring(0, 480) : message;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
