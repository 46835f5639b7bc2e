package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.ChildProfile;

@ApplicationScoped
public class ChildProfileRepository implements PanacheRepositoryBase<ChildProfile, String> {
}
