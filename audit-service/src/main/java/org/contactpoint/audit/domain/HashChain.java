package org.contactpoint.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * How audit records are linked: {@code recordHash = hex(SHA-256(UTF-8(previousHash + canonical)))}, where
 * {@code canonical} is the {@link CanonicalJson} of {@code {"event", "sequence", "source", "storedAt"}}. The
 * sequence and store time are inside the hash, so a record cannot be moved or re-dated without breaking its link.
 */
public final class HashChain {

    /** The previous hash of record 1. */
    public static final String GENESIS = "0".repeat(64);

    /** Reading is thread-safe once configured; a new mapper per record cost more than the hash itself. */
    private static final com.fasterxml.jackson.databind.ObjectMapper READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private HashChain() {
    }

    /** The canonical form of a record: what its hash covers besides the previous hash. */
    public static String canonicalRecord(long sequence, String source, Instant storedAt, String canonicalEvent) {
        JsonNode event;
        try {
            event = READER.readTree(canonicalEvent);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the chained event is not JSON", e);
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        return CanonicalJson.of(CanonicalJson.object(Map.of(
                "event", event,
                "sequence", json.numberNode(sequence),
                "source", json.textNode(source),
                "storedAt", json.textNode(storedAt.toString()))));
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
