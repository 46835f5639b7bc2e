package org.contactpoint.audit.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.contactpoint.audit.domain.MisuseAlertRecord;

import java.util.UUID;

@ApplicationScoped
public class MisuseAlertRepository implements PanacheRepositoryBase<MisuseAlertRecord, UUID> {
}
