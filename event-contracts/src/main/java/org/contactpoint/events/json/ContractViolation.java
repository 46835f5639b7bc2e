package org.contactpoint.events.json;

/** A payload that cannot be read as its contract, or breaks its rules; the message is the reason, in words. */
public class ContractViolation extends RuntimeException {

    public ContractViolation(String reason) {
        super(reason);
    }

    public ContractViolation(String reason, Throwable cause) {
        super(reason, cause);
    }
}
