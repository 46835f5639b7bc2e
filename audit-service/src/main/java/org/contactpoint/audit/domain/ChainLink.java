package org.contactpoint.audit.domain;

/** The newest link of the chain as an append finds it under the head's lock: the next record follows it. */
public record ChainLink(long sequence, String hash) {
}
