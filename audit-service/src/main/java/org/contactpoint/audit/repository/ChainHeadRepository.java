package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.ChainHead;

@ApplicationScoped
public class ChainHeadRepository implements PanacheRepositoryBase<ChainHead, Short> {

    /** The head as last committed, without waiting for an append in progress. */
    public ChainHead readHead() {
        return findById(ChainHead.ID);
    }
}
