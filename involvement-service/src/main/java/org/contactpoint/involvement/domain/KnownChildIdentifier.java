package org.contactpoint.involvement.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;

/** An identifier a source system holds for a known child (NHS number, LA case id), for agencies that lack the ID. */
@Entity
@Table(name = "known_child_identifier")
public class KnownChildIdentifier {

    @EmbeddedId
    private Key key;

    @Column
    private String source;

    protected KnownChildIdentifier() {
    }

    public KnownChildIdentifier(String contactPointId, String scheme, String value, String source) {
        this.key = new Key(contactPointId, scheme, value);
        this.source = source;
    }

    public String contactPointId() {
        return key.contactPointId;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "contact_point_id")
        String contactPointId;
        @Column(name = "scheme")
        String scheme;
        @Column(name = "value")
        String value;

        protected Key() {
        }

        Key(String contactPointId, String scheme, String value) {
            this.contactPointId = contactPointId;
            this.scheme = scheme;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.contactPointId.equals(contactPointId) && k.scheme.equals(scheme)
                    && k.value.equals(value);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(contactPointId, scheme, value);
        }
    }
}
