package org.contactpoint.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * Tells a child's responsible local authority that the record of a child with a child-protection plan or
 * looked-after status was viewed, on {@code audit.access-notifications.v1}. Key: the child's ContactPoint ID.
 *
 * @param notificationId            unique id (also the CloudEvents id)
 * @param contactPointId            the child whose record was viewed
 * @param responsibleLocalAuthority the local authority addressed (GSS code); null when identity has not told
 *                                  audit-service yet
 * @param viewedAt                  when the record was viewed
 * @param viewer                    who viewed it: name, organisation and its code, local authority
 * @param purpose                   the purpose of use the viewer stated
 * @param breakGlassReason          the reason given if protected details were revealed
 * @param recordSequence            the audit record of the view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessNotification(
        String notificationId,
        String contactPointId,
        String responsibleLocalAuthority,
        List<String> vulnerabilities,
        Instant viewedAt,
        Viewer viewer,
        String purpose,
        String breakGlassReason,
        long recordSequence) {

    public static final String TYPE = "audit.access.notified.v1";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Viewer(String userId, String name, String organisation, String organisationCode,
                         String localAuthority) {
    }
}
