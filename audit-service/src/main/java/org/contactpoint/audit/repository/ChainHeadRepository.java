package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.contactpoint.audit.domain.ChainHead;

@ApplicationScoped
public class ChainHeadRepository implements PanacheRepositoryBase<ChainHead, Short> {

    /** The head, locked FOR UPDATE until the caller's transaction ends: the chain's one writer at a time. */
    public ChainHead lockHead() {
        return findById(ChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The head as last committed, without waiting for an append in progress. */
    public ChainHead readHead() {
        return findById(ChainHead.ID);
    }
}
