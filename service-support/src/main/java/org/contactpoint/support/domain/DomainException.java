package org.contactpoint.support.domain;

/**
 * A use case's refusal, in the domain's words: the application layer throws these and knows nothing of HTTP. The REST
 * layer turns each kind into its problem+json status; a Kafka handler turns any of them into a dead-letter reason.
 */
public abstract sealed class DomainException extends RuntimeException
        permits Rejected, NotFound, Forbidden, Conflict, Gone, StaleVersion {

    protected DomainException(String detail) {
        super(detail);
    }
}
