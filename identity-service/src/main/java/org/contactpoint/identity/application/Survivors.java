package org.contactpoint.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.identity.domain.Child;
import org.contactpoint.identity.domain.ChildChange;
import org.contactpoint.identity.domain.ChildStatus;
import org.contactpoint.identity.repository.ChildRepository;
import org.contactpoint.identity.repository.MergeRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one place merge chains are dealt with. A merged child names its final survivor: when a survivor is itself
 * merged, every child merged into it is published again naming the new survivor; when that merge is undone, they
 * name it again. So no consumer, and no use case here, ever follows a chain.
 */
@ApplicationScoped
public class Survivors {

    /** Records merged before survivors were kept final may still form a short chain: followed at most this far. */
    private static final int MAX_HOPS = 10;

    private final ChildRepository children;
    private final MergeRepository merges;
    private final ChildStates states;

    public Survivors(ChildRepository children, MergeRepository merges, ChildStates states) {
        this.children = children;
        this.merges = merges;
        this.states = states;
    }

    /** The child a merged child resolves to (itself when not merged). */
    public Child resolve(Child child) {
        Child current = child;
        for (int hops = 0; current.status() == ChildStatus.MERGED && hops < MAX_HOPS; hops++) {
            Optional<Child> survivor = children.findByContactPointId(current.mergedInto());
            if (survivor.isEmpty()) {
                break;
            }
            current = survivor.get();
        }
        return current;
    }

    /** {@code merged} has just been merged into {@code survivor}: the children merged into it now resolve there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merged(Child merged, Child survivor, Instant now) {
        for (Child earlier : children.mergedInto(merged.contactPointId())) {
            earlier.mergeInto(survivor.contactPointId());
            earlier.changed(now);
            states.publish(earlier, ChildChange.MERGED);
        }
    }

    /**
     * The merge of {@code restored} into {@code survivor} has been undone: the children merged into {@code restored}
     * by merges still in force resolve to it again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unmerged(Child restored, Child survivor, Instant now) {
        List<Long> ids = merges.mergedIntoSurvivor(restored.id());
        for (Child earlier : children.byIds(ids)) {
            if (earlier.status() == ChildStatus.MERGED && survivor.contactPointId().equals(earlier.mergedInto())) {
                earlier.mergeInto(restored.contactPointId());
                earlier.changed(now);
                states.publish(earlier, ChildChange.MERGED);
            }
        }
    }
}
