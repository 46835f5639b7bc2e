package org.contactpoint.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** identity-service settings under {@code contactpoint.identity}. */
@ConfigMapping(prefix = "contactpoint.identity")
public interface IdentityConfig {

    Matching matching();

    Retention retention();

    Imports imports();

    NewIdentity newIdentity();

    Audit audit();

    /** How identity-service's audit events are cut. */
    interface Audit {
        /**
         * Most children one batch audit event names: a larger batch is audited in parts, each naming its batch and
         * part, so that no event comes near Kafka's 1 MB record limit (1,000 IDs are some 16 kB) whatever the
         * batch size.
         */
        @WithDefault("1000")
        int childrenPerEvent();
    }

    /** When a new identity's registration is published: later and apart from the old identity's close. */
    interface NewIdentity {
        /** Shortest hold before a new identity is published. */
        @WithDefault("6h")
        java.time.Duration releaseDelayMin();

        /** Longest hold; the delay is drawn at random between the two, so the time says nothing. */
        @WithDefault("72h")
        java.time.Duration releaseDelayMax();

        /** Cron expression for publishing the due new identities, with the registrations of the moment. */
        @WithDefault("0 */10 * * * ?")
        String releaseCron();
    }

    interface Imports {
        /** Source records matched in one transaction by the import worker. */
        @WithDefault("1000")
        int batchSize();

        /** Lines staged (COPY) and committed at a time while an upload is read. */
        @WithDefault("5000")
        int stagingChunk();

        /** Whether this instance runs an import worker (one thread); tests drive the batches themselves. */
        @WithDefault("true")
        boolean worker();

        /** How long an idle worker waits before looking for staged lines again (an upload wakes it sooner). */
        @WithDefault("1s")
        java.time.Duration pollInterval();

        /** An import still receiving with no lines for this long expires (its client died mid-upload). */
        @WithDefault("30m")
        java.time.Duration receivingTimeout();

        /** How often imports are checked for an upload that stopped arriving ("off": never). */
        @WithDefault("5m")
        String expiryEvery();

        /** The largest upload; a larger one is refused with 413 (and the import, if opened, fails). */
        @WithDefault("2G")
        io.quarkus.runtime.configuration.MemorySize maxBytes();
    }

    interface Matching {
        /** Match probability at or above which a record links to its best candidate without a person looking. */
        @WithDefault("0.999")
        double linkProbability();

        /** Match probability at or above which a record goes to the review queue instead of creating a child. */
        @WithDefault("0.1")
        double reviewProbability();

        /** Fewest children the prior assumes, so a near-empty register does not link on one field's evidence. */
        @WithDefault("2048")
        long priorRegisterFloor();

        /** Score at or above which a record resembling a shielded child goes to review instead of creating one. */
        @WithDefault("0")
        double shieldedReviewThreshold();

        /** Score at or above which a record resembling a closed (sealed) identity goes to the sealed-records review. */
        @WithDefault("0")
        double sealedReviewThreshold();

        /** The most candidates read from the blocking index and scored for one record. */
        @WithDefault("200")
        int maxCandidates();
    }

    interface Retention {
        /** Cron expression for the retention job (archive at 18 or 25, archive a year after death, purge). */
        @WithDefault("0 15 3 * * ?")
        String cron();

        /** Years after archiving when a record is purged and a tombstone is published. */
        @WithDefault("6")
        int purgeAfterYears();

        /** Years after death when a deceased child's record is archived. */
        @WithDefault("1")
        int archiveAfterDeathYears();
    }
}
