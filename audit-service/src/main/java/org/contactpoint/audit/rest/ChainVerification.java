package org.contactpoint.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of verifying the chain, as the API shows it: the domain's
 * {@link org.contactpoint.audit.domain.ChainVerification} (which explains each field), absent fields when null.
 * Named as the domain's is, so the OpenAPI document keeps its schema name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long recordsChecked, long headSequence, String headHash,
                                BrokenLink firstBroken) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrokenLink(long sequence, String eventId, String reason) {
    }

    static ChainVerification of(org.contactpoint.audit.domain.ChainVerification verification) {
        var broken = verification.firstBroken();
        return new ChainVerification(verification.intact(), verification.recordsChecked(),
                verification.headSequence(), verification.headHash(),
                broken == null ? null : new BrokenLink(broken.sequence(), broken.eventId(), broken.reason()));
    }
}
