package org.contactpoint.involvement.messaging.in;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.audit.MisuseInvestigation;
import org.contactpoint.involvement.application.MisuseInvestigationNotices;
import org.contactpoint.involvement.application.MisuseInvestigationOpened;
import org.contactpoint.support.messaging.Inbound;
import org.contactpoint.support.messaging.IncomingEvent;

import java.util.UUID;

/**
 * One opened investigation, in one transaction: the type, the inbox (a redelivery changes nothing), the contract parsed
 * and validated with its key (the investigation id), then the notices delivered. Anything invalid is an
 * {@code InvalidEventException} whose message is the dead-letter reason.
 */
@ApplicationScoped
public class MisuseInvestigationHandler {

    static final String CONSUMER = "involvement-misuse-investigations";

    private final Inbound inbound;
    private final MisuseInvestigationNotices notices;

    public MisuseInvestigationHandler(Inbound inbound, MisuseInvestigationNotices notices) {
        this.inbound = inbound;
        this.notices = notices;
    }

    @Transactional
    public void handle(IncomingEvent event) {
        inbound.receive(event, CONSUMER, MisuseInvestigation.OPENED, MisuseInvestigation.class)
                .ifPresent(opened -> notices.opened(new MisuseInvestigationOpened(
                        UUID.fromString(opened.investigationId()), opened.rule(), opened.userId(), opened.userName(),
                        opened.organisation(), opened.organisationCode(), opened.localAuthority(),
                        opened.accountSuspended(), opened.openedAt())));
    }
}
