package org.contactpoint.involvement.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What makes a submission the same submission: its agency and the agency's own {@code submissionId}. Once its
 * involvement is removed for good only {@link #digest()} is kept, which answers a replay without holding the key.
 */
public record SubmissionKey(String agency, String submissionId) {

    /** Why a key is tombstoned. */
    public enum Tombstone { CONSENT_WITHDRAWN, PURGED }

    public static SubmissionKey of(Involvement involvement) {
        return new SubmissionKey(involvement.sourceAgency(), involvement.submissionId());
    }

    public static SubmissionKey of(ParkedSubmission parked) {
        return new SubmissionKey(parked.sourceAgency(), parked.submissionId());
    }

    /** SHA-256 of the agency (length-prefixed, so no two keys run together alike) and the submission id. */
    public byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest((agency.length() + ":" + agency + "\n" + submissionId)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
