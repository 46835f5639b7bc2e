package org.contactpoint.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An identifier a source system holds for a child: the same source, scheme and value is always the same child. */
@Entity
@Table(name = "child_source_identifier")
public class ChildSourceIdentifier {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "child_id", nullable = false)
    private Long childId;

    @Column(nullable = false)
    private String scheme;

    @Column(nullable = false)
    private String value;

    @Column(nullable = false)
    private String source;

    protected ChildSourceIdentifier() {
    }

    public ChildSourceIdentifier(Long childId, String scheme, String value, String source) {
        this.childId = childId;
        this.scheme = scheme;
        this.value = value;
        this.source = source;
    }

    /** The internal scheme for a source system's own record id: (source, SOURCE_ID, id) is always the same child. */
    public static final String SOURCE_ID = "SOURCE_ID";

    public Long id() {
        return id;
    }

    public Long childId() {
        return childId;
    }

    public String scheme() {
        return scheme;
    }

    public String value() {
        return value;
    }

    public String source() {
        return source;
    }

    /** Merges move a child's identifiers to the survivor; an unmerge moves them back. */
    public void belongTo(Long childId) {
        this.childId = childId;
    }

    public SourceIdentifier identifier() {
        return new SourceIdentifier(scheme, value, source);
    }
}
