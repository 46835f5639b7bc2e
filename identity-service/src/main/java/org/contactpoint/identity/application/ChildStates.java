package org.contactpoint.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.domain.matching.MatchKeys;
import org.contactpoint.identity.messaging.out.ChildPublisher;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MatchKeyRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A child's new state, once its version has moved on: published through the outbox and the blocking index kept in
 * step, in the caller's transaction. Only children that can still be matched are indexed. A new identity that is
 * still held is neither: its changes wait for {@link NewIdentityRelease}, which publishes its state as it is then.
 * Nor does a child merged into a held identity leave the service: its {@code merged} event would name the new
 * identity before its release; the release publishes it too.
 */
@ApplicationScoped
public class ChildStates {

    private final ChildPublisher publisher;
    private final MatchKeyRepository matchKeys;
    private final ChildRepository children;

    public ChildStates(ChildPublisher publisher, MatchKeyRepository matchKeys, ChildRepository children) {
        this.publisher = publisher;
        this.matchKeys = matchKeys;
        this.children = children;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Child child, ChildChange change) {
        publish(child, change, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Child child, ChildChange change, String previousLocalAuthority) {
        if (child.isHeld()) {
            return;
        }
        if (mergedIntoHeld(child)) {
            matchKeys.index(child.id(), Set.of());
            return;
        }
        publisher.publish(child, change, previousLocalAuthority);
        matchKeys.index(child.id(), child.isMatchable() ? MatchKeys.of(ChildRecords.matchRecord(child)) : Set.of());
    }

    /**
     * As {@link #publish(Child, ChildChange)} for a batch's changed children: published in one outbox write and
     * their blocking keys brought up to date in one read and at most one write each way, not a flush and queries per
     * child.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Child> changed, ChildChange change) {
        List<Child> published = new ArrayList<>(changed.size());
        Map<Long, Set<String>> keys = new LinkedHashMap<>();
        for (Child child : changed) {
            if (child.isHeld()) {
                continue;
            }
            if (mergedIntoHeld(child)) {
                keys.put(child.id(), Set.of());
                continue;
            }
            published.add(child);
            keys.put(child.id(), child.isMatchable() ? MatchKeys.of(ChildRecords.matchRecord(child)) : Set.of());
        }
        publisher.publishAll(published, change);
        matchKeys.indexAll(keys);
    }

    /** Whether the child is merged into a new identity that is not published yet. */
    private boolean mergedIntoHeld(Child child) {
        return child.status() == ChildStatus.MERGED && child.mergedInto() != null
                && children.findByContactPointId(child.mergedInto()).map(Child::isHeld).orElse(false);
    }
}
