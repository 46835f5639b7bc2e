package org.contactpoint.involvement.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.involvement.domain.BrokeringRequest;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BrokeringRequestRepository implements PanacheRepositoryBase<BrokeringRequest, UUID> {

    /** Requests in a status about children whose responsible local authority is this one, oldest first. */
    public List<BrokeringRequest> forLocalAuthority(String localAuthority, BrokeringRequest.Status status) {
        return getEntityManager().createQuery("""
                        select b from BrokeringRequest b, Involvement i, KnownChild c
                        where b.involvementId = i.id and c.contactPointId = i.contactPointId
                          and c.responsibleLocalAuthority = ?1 and b.status = ?2
                        order by b.createdAt""", BrokeringRequest.class)
                .setParameter(1, localAuthority).setParameter(2, status).getResultList();
    }

    public long deleteForInvolvement(UUID involvementId) {
        return delete("involvementId", involvementId);
    }
}
