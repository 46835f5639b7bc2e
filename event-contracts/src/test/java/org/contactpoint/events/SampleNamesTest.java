package org.contactpoint.events;

import org.contactpoint.events.audit.AccessNotification;
import org.contactpoint.events.audit.AuditEvent;
import org.contactpoint.events.audit.AuditRecordEvent;
import org.contactpoint.events.audit.ChainCheckpoint;
import org.contactpoint.events.audit.MisuseAlert;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.identity.SourceRecord;
import org.contactpoint.events.involvement.AgencySubmission;
import org.contactpoint.events.involvement.InvolvementEventTypes;
import org.contactpoint.events.involvement.InvolvementNotification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden samples are named one way: after the event type they carry, {@code <type>.json}, or with a variant before the
 * version, {@code <type less .vN>.<variant>.vN.json} (e.g. {@code involvement.notification.moved-local-authority
 * .shielded.v1.json}), so a sample's name says which type it pins.
 */
class SampleNamesTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
    private static final Pattern VARIANT = Pattern.compile("(.+)\\.[a-z-]+\\.(v\\d+)");
    private static final List<Class<?>> TYPE_HOLDERS = List.of(ChildEventTypes.class, SourceRecord.class,
            InvolvementEventTypes.class, InvolvementNotification.class, AgencySubmission.class, AuditEvent.class,
            AuditRecordEvent.class, MisuseAlert.class, AccessNotification.class, ChainCheckpoint.class,
            org.contactpoint.events.accounts.AccountSuspension.class,
            org.contactpoint.events.audit.MisuseInvestigation.class);

    @Test
    void everySampleIsNamedAfterTheEventTypeItCarries() throws IOException {
        Set<String> types = eventTypes();
        Set<String> misnamed = new TreeSet<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            files.map(file -> file.getFileName().toString()).forEach(name -> {
                String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : null;
                if (base == null || !(types.contains(base) || isVariantOf(base, types))) {
                    misnamed.add(name);
                }
            });
        }
        assertThat(types).as("event types declared in event-contracts").isNotEmpty();
        assertThat(misnamed).as("samples in %s not named <event type>.json or <type less .vN>.<variant>.vN.json",
                SAMPLES).isEmpty();
    }

    private static boolean isVariantOf(String base, Set<String> types) {
        Matcher variant = VARIANT.matcher(base);
        return variant.matches() && types.contains(variant.group(1) + "." + variant.group(2));
    }

    /** The String constants shaped like an event type ({@code <owner>.<aggregate>.<fact>.vN}). */
    private static Set<String> eventTypes() {
        Set<String> types = StringConstants.of(TYPE_HOLDERS.toArray(Class<?>[]::new));
        types.removeIf(value -> !EVENT_TYPE.matcher(value).matches());
        return types;
    }
}
