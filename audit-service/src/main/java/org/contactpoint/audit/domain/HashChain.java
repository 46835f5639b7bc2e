package org.contactpoint.audit.domain;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How audit records are linked: {@code recordHash = hex(SHA-256(UTF-8(previousHash + canonical)))}, where
 * {@code canonical} is the {@link CanonicalJson} of {@code {"event", "sequence", "source", "storedAt"}}. The
 * sequence and store time are inside the hash, so a record cannot be moved or re-dated without breaking its link.
 */
public final class HashChain {

    /** The previous hash of record 1. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /**
     * The canonical form of a record: what its hash covers besides the previous hash. {@code canonicalEvent} is the
     * event's {@link CanonicalJson} text (as chained and stored); the record's members in name order around it are
     * the bytes {@link CanonicalJson} would write for the whole record, written here without parsing the event again
     * (re-reading and re-writing it was a tenth of the consumer's CPU per record in issue 19's profile).
     */
    public static String canonicalRecord(long sequence, String source, Instant storedAt, String canonicalEvent) {
        if (canonicalEvent == null || canonicalEvent.isEmpty() || canonicalEvent.charAt(0) != '{') {
            throw new IllegalArgumentException("the chained event is not a JSON object");
        }
        JsonStringEncoder strings = JsonStringEncoder.getInstance();
        StringBuilder record = new StringBuilder(canonicalEvent.length() + 128);
        record.append("{\"event\":").append(canonicalEvent)
                .append(",\"sequence\":").append(sequence)
                .append(",\"source\":\"");
        strings.quoteAsString(source, record);
        record.append("\",\"storedAt\":\"");
        strings.quoteAsString(storedAt.toString(), record);
        return record.append("\"}").toString();
    }

    public static String link(String previousHash, long sequence, String source, Instant storedAt,
                              String canonicalEvent) {
        return sha256(previousHash + canonicalRecord(sequence, source, storedAt, canonicalEvent));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
