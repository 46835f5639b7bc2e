package org.contactpoint.involvement.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.events.involvement.InvolvementNotification;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.InvolvementStatus;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes involvement events and notifications to the outbox, keyed by the child's ContactPoint ID. */
@ApplicationScoped
public class InvolvementPublisher {

    private final OutboxWriter outbox;
    private final Clock clock;

    public InvolvementPublisher(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void started(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.STARTED, null);
    }

    /** The started events of a batch's new involvements, in one statement and in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startedAll(List<Involvement> started) {
        outbox.appendAll(started.stream().map(involvement -> new OutboxWriter.Outgoing(Topics.INVOLVEMENT_INVOLVEMENTS,
                involvement.contactPointId(), InvolvementEventTypes.STARTED, event(involvement, null))).toList());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.UPDATED, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ceased(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.CEASED, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void removed(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.REMOVED, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rehomed(Involvement involvement, String previousContactPointId) {
        publish(involvement, InvolvementEventTypes.REHOMED, previousContactPointId);
    }

    private void publish(Involvement involvement, String type, String previousContactPointId) {
        outbox.append(Topics.INVOLVEMENT_INVOLVEMENTS, involvement.contactPointId(), type,
                event(involvement, previousContactPointId));
    }

    /**
     * The published state. A sensitive service's organisation, practitioner, contact and submitting agency (the
     * provider, by another name) are never published, and a removed involvement carries nothing that identifies the
     * service beyond its type.
     */
    static InvolvementEvent event(Involvement involvement, String previousContactPointId) {
        boolean sensitive = involvement.sensitive();
        boolean withhold = sensitive || involvement.status() == InvolvementStatus.REMOVED;
        String practitionerName = involvement.practitionerName();
        String practitionerRole = involvement.practitionerRole();
        String phone = involvement.contactPhone();
        String email = involvement.contactEmail();
        return new InvolvementEvent(involvement.id().toString(), involvement.contactPointId(), involvement.version(),
                InvolvementEvent.Status.valueOf(involvement.status().name()), involvement.serviceType().name(),
                sensitive,
                withhold ? null : new InvolvementEvent.Organisation(involvement.organisationName(),
                        involvement.organisationCode()),
                withhold || (practitionerName == null && practitionerRole == null) ? null
                        : new InvolvementEvent.Practitioner(practitionerName, practitionerRole),
                withhold || (phone == null && email == null) ? null : new InvolvementEvent.Contact(phone, email),
                involvement.startDate(), involvement.endDate(), involvement.leadProfessional(), involvement.cafHeld(),
                sensitive ? null : involvement.sourceAgency(), involvement.updatedAt(), previousContactPointId);
    }

    /**
     * Tells each organisation already actively working with the child that another service has started. A sensitive
     * newcomer, or any newcomer while the child is shielded, is announced without its service type or provider; the
     * newcomer's own organisation is not told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyNewInvolvement(Involvement started, boolean childShielded, List<Involvement> activeForChild) {
        boolean anonymous = started.sensitive() || childShielded;
        InvolvementNotification.Service service = anonymous ? null
                : new InvolvementNotification.Service(started.serviceType().name(), started.organisationName(),
                        started.organisationCode());
        String message = anonymous
                ? "Another service is now working with this child."
                : "Another service is now working with this child: " + started.organisationName() + " ("
                + started.serviceType().label() + ").";
        for (InvolvementNotification.Recipient recipient : recipients(activeForChild, started)) {
            send(InvolvementNotification.NEW_INVOLVEMENT, started.contactPointId(), recipient, message, service,
                    null, null);
        }
    }

    /**
     * Tells each organisation actively working with the child that the child has moved to another local authority.
     * While the child is shielded it says only that responsibility has changed: no local authority is named.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyMovedLocalAuthority(String contactPointId, String previousLocalAuthority,
                                          String newLocalAuthority, boolean childShielded,
                                          List<Involvement> activeForChild) {
        String message = childShielded
                ? "Responsibility for this child has moved to another local authority."
                : "This child has moved to " + newLocalAuthority + ".";
        for (InvolvementNotification.Recipient recipient : recipients(activeForChild, null)) {
            send(InvolvementNotification.MOVED_LOCAL_AUTHORITY, contactPointId, recipient, message, null,
                    childShielded ? null : newLocalAuthority, childShielded ? null : previousLocalAuthority);
        }
    }

    /**
     * One recipient per organisation with an active, non-sensitive involvement: a notification addressed to a
     * sensitive service would name it against the child.
     */
    private static List<InvolvementNotification.Recipient> recipients(List<Involvement> active, Involvement except) {
        Map<String, InvolvementNotification.Recipient> byOrganisation = new LinkedHashMap<>();
        for (Involvement involvement : active) {
            if (!involvement.isActive() || involvement.sensitive()
                    || (except != null && sameOrganisation(involvement, except))) {
                continue;
            }
            byOrganisation.putIfAbsent(organisationKey(involvement), new InvolvementNotification.Recipient(
                    involvement.organisationName(), involvement.organisationCode()));
        }
        return List.copyOf(byOrganisation.values());
    }

    private static boolean sameOrganisation(Involvement a, Involvement b) {
        return organisationKey(a).equals(organisationKey(b));
    }

    private static String organisationKey(Involvement involvement) {
        return involvement.organisationCode() != null ? "code:" + involvement.organisationCode()
                : "name:" + involvement.organisationName().toLowerCase();
    }

    private void send(String type, String contactPointId, InvolvementNotification.Recipient recipient,
                      String message, InvolvementNotification.Service service, String localAuthority,
                      String previousLocalAuthority) {
        String id = UUID.randomUUID().toString();
        outbox.append(Topics.INVOLVEMENT_NOTIFICATIONS, contactPointId, type, new InvolvementNotification(id, type,
                contactPointId, recipient, message, service, localAuthority, previousLocalAuthority,
                clock.instant()));
    }
}
