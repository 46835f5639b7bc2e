package org.contactpoint.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The newest link of the chain (one row). Every append locks it first, so appends take turns and the chain never
 * forks, whichever consumer or request appends. Appends read and move it in plain SQL a batch at a time
 * ({@code ChainAppendRepository}); this entity serves verification. (Its {@code checkpointed_sequence} column is
 * no longer used: {@code audit_stream_position} holds the last checkpoint since V41.)
 */
@Entity
@Table(name = "chain_head")
public class ChainHead {

    public static final short ID = 1;

    @Id
    private short id;

    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    @Column(name = "last_hash", nullable = false)
    private String lastHash;

    protected ChainHead() {
    }

    public long lastSequence() {
        return lastSequence;
    }

    public String lastHash() {
        return lastHash;
    }
}
