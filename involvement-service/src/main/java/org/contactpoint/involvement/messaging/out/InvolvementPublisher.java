package org.contactpoint.involvement.messaging.out;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.events.Topics;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.involvement.domain.Involvement;
import org.contactpoint.involvement.domain.InvolvementStatus;
import org.contactpoint.involvement.domain.Notification;
import org.contactpoint.involvement.repository.NotificationRepository;
import org.contactpoint.support.messaging.OutboxWriter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes involvement events to the outbox, keyed by the involvement id (a compacted topic: the latest state of each
 * involvement, a tombstone once it is removed), and notifications to their
 * recipients' inboxes: each notification is for one organisation or local authority, so none is published on a topic
 * that everyone with read access would see.
 */
@ApplicationScoped
public class InvolvementPublisher {

    private final OutboxWriter outbox;
    private final NotificationRepository inboxes;
    private final Clock clock;

    public InvolvementPublisher(OutboxWriter outbox, NotificationRepository inboxes, Clock clock) {
        this.outbox = outbox;
        this.inboxes = inboxes;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void started(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.STARTED, null);
    }

    /** The started events of a batch's new involvements, in one statement and in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startedAll(List<Involvement> started) {
        outbox.appendAll(started.stream().map(involvement -> new OutboxWriter.Outgoing(
                Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, involvement.id().toString(), InvolvementEventTypes.STARTED,
                event(involvement, null))).toList());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.UPDATED, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void ceased(Involvement involvement) {
        publish(involvement, InvolvementEventTypes.CEASED, null);
    }

    /**
     * A tombstone for the involvement's key: every consumer deletes it, and compaction then removes every earlier
     * state of it from the topic, so nothing there says any more that this service worked with the child.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removed(Involvement involvement) {
        outbox.append(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, involvement.id().toString(),
                InvolvementEventTypes.REMOVED, null);
    }

    /** The current state of each of these involvements again, as {@code updated} (a consumer keeps the newest). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void republished(List<Involvement> current) {
        outbox.appendAll(current.stream().map(involvement -> new OutboxWriter.Outgoing(
                Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, involvement.id().toString(), InvolvementEventTypes.UPDATED,
                event(involvement, null))).toList());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rehomed(Involvement involvement, String previousContactPointId) {
        publish(involvement, InvolvementEventTypes.REHOMED, previousContactPointId);
    }

    private void publish(Involvement involvement, String type, String previousContactPointId) {
        outbox.append(Topics.INVOLVEMENT_INVOLVEMENTS_BY_ID, involvement.id().toString(), type,
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
     * Tells each organisation already actively working with the child that another service has started, in its own
     * inbox. A sensitive newcomer, or any newcomer while the child is shielded, is announced without its service type
     * or provider; the newcomer's own organisation is not told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyNewInvolvement(Involvement started, boolean childShielded, List<Involvement> activeForChild) {
        inboxes.deliver(newInvolvementNotices(started, childShielded, activeForChild));
    }

    /**
     * The notifications {@link #notifyNewInvolvement} would deliver, for a batch to deliver all of its own in one round
     * trip ({@link #deliver}) rather than one per new involvement.
     */
    public List<Notification> newInvolvementNotices(Involvement started, boolean childShielded,
                                                    List<Involvement> activeForChild) {
        boolean anonymous = started.sensitive() || childShielded;
        Notification.NewService service = anonymous ? null
                : new Notification.NewService(started.serviceType(), started.organisationName(),
                        started.organisationCode());
        String message = anonymous
                ? "Another service is now working with this child."
                : "Another service is now working with this child: " + started.organisationName() + " ("
                + started.serviceType().label() + ").";
        List<Notification> notices = new ArrayList<>();
        for (Notification.Recipient recipient : organisations(activeForChild, started)) {
            notices.add(notice(recipient, Notification.NEW_INVOLVEMENT, started.contactPointId(), message, service,
                    null, null));
        }
        return notices;
    }

    /** Delivers notifications gathered by a batch, in one round trip, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deliver(List<Notification> notices) {
        inboxes.deliver(notices);
    }

    /**
     * Tells the child's previous and new local authority, and each organisation actively working with the child, that
     * the child has moved. While the child is shielded no local authority is named, to anyone: the previous one and
     * the organisations learn only that responsibility has moved, the new one that it is now theirs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyMovedLocalAuthority(String contactPointId, String previousLocalAuthority,
                                          String newLocalAuthority, boolean childShielded,
                                          List<Involvement> activeForChild) {
        String message = childShielded
                ? "Responsibility for this child has moved to another local authority."
                : "This child has moved to " + newLocalAuthority + ".";
        String to = childShielded ? null : newLocalAuthority;
        String from = childShielded ? null : previousLocalAuthority;
        List<Notification> notices = new ArrayList<>();
        for (Notification.Recipient recipient : organisations(activeForChild, null)) {
            notices.add(notice(recipient, Notification.MOVED_LOCAL_AUTHORITY, contactPointId, message, null, to,
                    from));
        }
        if (previousLocalAuthority != null) {
            notices.add(notice(Notification.Recipient.localAuthority(previousLocalAuthority),
                    Notification.MOVED_LOCAL_AUTHORITY, contactPointId, message, null, to, from));
        }
        notices.add(notice(Notification.Recipient.localAuthority(newLocalAuthority),
                Notification.MOVED_LOCAL_AUTHORITY, contactPointId, childShielded
                        ? "Responsibility for this child has moved to your local authority." : message, null, to,
                from));
        inboxes.deliver(notices);
    }

    /**
     * Tells the child's own local authority that its whereabouts are now shielded, or no longer are; nobody else, and
     * without naming any place.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notifyShieldChanged(String contactPointId, String localAuthority, boolean shielded) {
        String message = shielded
                ? "This child's whereabouts are now shielded: do not disclose where the child lives or is seen."
                : "This child's whereabouts are no longer shielded.";
        inboxes.deliver(List.of(notice(Notification.Recipient.localAuthority(localAuthority),
                shielded ? Notification.SHIELD_SET : Notification.SHIELD_LIFTED, contactPointId, message, null, null,
                null)));
    }

    /**
     * One recipient per organisation with an active, non-sensitive involvement: a notification addressed to a
     * sensitive service would name it against the child. An inbox is read by the organisation code its token names,
     * so an organisation recorded without a code has no inbox and is not told.
     */
    private static List<Notification.Recipient> organisations(List<Involvement> active, Involvement except) {
        Map<String, Notification.Recipient> byOrganisation = new LinkedHashMap<>();
        for (Involvement involvement : active) {
            if (!involvement.isActive() || involvement.sensitive() || involvement.organisationCode() == null
                    || (except != null && involvement.organisationCode().equals(except.organisationCode()))) {
                continue;
            }
            byOrganisation.putIfAbsent(involvement.organisationCode(), Notification.Recipient.organisation(
                    involvement.organisationCode(), involvement.organisationName()));
        }
        return List.copyOf(byOrganisation.values());
    }

    private Notification notice(Notification.Recipient recipient, String type, String contactPointId, String message,
                                Notification.NewService service, String localAuthority,
                                String previousLocalAuthority) {
        return new Notification(UUID.randomUUID(), recipient, type, contactPointId, message, service, localAuthority,
                previousLocalAuthority, clock.instant(), null);
    }
}
