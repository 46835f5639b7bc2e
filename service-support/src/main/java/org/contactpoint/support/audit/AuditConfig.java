package org.contactpoint.support.audit;

import io.smallrye.config.ConfigMapping;

/** Where this service's audit events go. */
@ConfigMapping(prefix = "contactpoint.audit")
public interface AuditConfig {

    /** This service's audit topic, {@code <service>.audit-events.v1}. */
    String topic();
}
