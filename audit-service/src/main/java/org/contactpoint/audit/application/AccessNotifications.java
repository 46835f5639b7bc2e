package org.contactpoint.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.audit.domain.AccessNotification;
import org.contactpoint.audit.domain.ChildProfile;
import org.contactpoint.audit.application.AuditChain.Stored;
import org.contactpoint.audit.repository.AccessNotificationRepository;
import org.contactpoint.audit.repository.ChildProfileRepository;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditEvent.Outcome;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.domain.Forbidden;
import org.contactpoint.support.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tells a child's responsible local authority, and only it, that the record of a child with a child-protection plan
 * or looked-after status was viewed (as CP-IS does for unscheduled care): the notice goes into the authority's inbox
 * in the transaction that chains the view, and the authority reads it there with its own token. Every read and
 * acknowledgement of an inbox is itself chained, with the purpose stated.
 */
@ApplicationScoped
public class AccessNotifications {

    static final String VIEW_RECORD = "VIEW_RECORD";
    static final String READ = "READ_ACCESS_NOTIFICATIONS";
    static final String ACKNOWLEDGE = "ACKNOWLEDGE_ACCESS_NOTIFICATION";

    private final AccessNotificationRepository inboxes;
    private final ChildProfileRepository children;
    private final AccessRecorder recorder;
    private final Clock clock;

    public AccessNotifications(AccessNotificationRepository inboxes, ChildProfileRepository children,
                               AccessRecorder recorder, Clock clock) {
        this.inboxes = inboxes;
        this.children = children;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** A page of an inbox, newest first. */
    public record InboxPage(List<AccessNotification> notifications, int page, int size, long totalNotifications,
                            int totalPages) {
    }

    /**
     * Delivers a notice for every successful view of a protected child among the stored records (profiles read once,
     * notices written in one statement). A child audit-service has not heard of yet gets an unaddressed notice, which
     * is delivered when identity tells its responsible authority.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void viewed(List<Stored> stored) {
        List<Stored> views = stored.stream().filter(s -> VIEW_RECORD.equals(s.event().action())
                && Outcome.SUCCESS.name().equals(s.event().outcome()) && s.event().protectedChildIds() != null
                && !s.event().protectedChildIds().isEmpty()).toList();
        if (views.isEmpty()) {
            return;
        }
        Set<String> childIds = views.stream().flatMap(s -> s.event().protectedChildIds().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, ChildProfile> profiles = children.list("childId IN ?1", childIds).stream()
                .collect(Collectors.toMap(ChildProfile::childId, Function.identity()));
        List<AccessNotification> notices = new ArrayList<>();
        for (Stored view : views) {
            AuditEvent event = view.event();
            AuditEvent.Actor actor = event.actor();
            for (String childId : new LinkedHashSet<>(event.protectedChildIds())) {
                Optional<ChildProfile> profile = Optional.ofNullable(profiles.get(childId));
                notices.add(new AccessNotification(UUID.randomUUID(), childId,
                        profile.map(ChildProfile::responsibleLocalAuthority).orElse(null),
                        profile.map(p -> p.vulnerabilities().stream().map(Enum::name).toList()).orElse(List.of()),
                        event.occurredAt(), new AccessNotification.Viewer(actor.userId(), actor.name(),
                                actor.organisation(), actor.organisationCode(), actor.localAuthority()),
                        event.purpose(), event.breakGlassReason(), view.record().sequence(), null, null));
            }
        }
        inboxes.insert(notices);
    }

    /** The caller's local authority's inbox; the read is chained with the children it shows. */
    @Transactional
    public InboxPage inbox(Caller caller, PurposeOfUse purpose, int page, int size) {
        String recipient = recipient(caller);
        List<AccessNotification> found = inboxes.page(recipient, page, size);
        long total = inboxes.count(recipient);
        recorder.record(caller, purpose, READ, Outcome.SUCCESS, Map.of("localAuthority", recipient,
                        "page", String.valueOf(page), "size", String.valueOf(size)),
                found.stream().map(AccessNotification::childId).distinct().toList(), found.size());
        return new InboxPage(found, page, size, total, (int) ((total + size - 1) / size));
    }

    /**
     * A page of the caller's local authority's inbox without counting it all (v2): one more than the page is fetched to
     * know whether another follows. Chained as the v1 read is, with the children it shows.
     */
    @Transactional
    public InboxSlice inboxPage(Caller caller, PurposeOfUse purpose, int page, int size) {
        String recipient = recipient(caller);
        List<AccessNotification> fetched = inboxes.from(recipient, (long) page * size, size + 1);
        List<AccessNotification> found = List.copyOf(fetched.subList(0, Math.min(size, fetched.size())));
        recorder.record(caller, purpose, READ, Outcome.SUCCESS, Map.of("localAuthority", recipient,
                        "page", String.valueOf(page), "size", String.valueOf(size)),
                found.stream().map(AccessNotification::childId).distinct().toList(), found.size());
        return new InboxSlice(found, fetched.size() > size);
    }

    /** A page of an inbox, and whether more follow. */
    public record InboxSlice(List<AccessNotification> notifications, boolean more) {
    }

    /**
     * Acknowledges a notice in the caller's authority's inbox. The attempt is chained either way and committed before
     * the caller is told.
     *
     * @return false when the caller's authority has no such notice (another authority's is not theirs to see)
     */
    @Transactional
    public boolean acknowledge(Caller caller, PurposeOfUse purpose, UUID notificationId) {
        String recipient = recipient(caller);
        Optional<String> child = inboxes.acknowledge(notificationId, recipient, caller.userId(), clock.instant());
        recorder.record(caller, purpose, ACKNOWLEDGE, child.isPresent() ? Outcome.SUCCESS : Outcome.DENIED,
                Map.of("notificationId", notificationId.toString()), child.map(List::of).orElse(List.of()),
                child.isPresent() ? 1 : 0);
        return child.isPresent();
    }

    /** The inbox is the local authority's the token names: no other can be asked for. */
    private static String recipient(Caller caller) {
        if (caller.localAuthority() == null || caller.localAuthority().isBlank()) {
            throw new Forbidden("Your token names no local authority, so you have no access-notification inbox");
        }
        return caller.localAuthority();
    }
}
