package org.contactpoint.identity.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.identity.domain.ChildMerge;

import java.util.UUID;

@ApplicationScoped
public class MergeRepository implements PanacheRepositoryBase<ChildMerge, UUID> {
}
