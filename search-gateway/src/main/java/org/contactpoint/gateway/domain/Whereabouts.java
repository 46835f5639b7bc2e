package org.contactpoint.gateway.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the child is: a current or last known address, no known address, or left England (with whether they intend
 * to return within three years). Withheld from practitioners while the child is shielded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Whereabouts(Kind kind, Address address, IntentionToReturn intendsToReturn) {

    public enum Kind { CURRENT_ADDRESS, LAST_KNOWN_ADDRESS, NO_KNOWN_ADDRESS, LEFT_ENGLAND }

    public enum IntentionToReturn { YES, NO, UNKNOWN }
}
