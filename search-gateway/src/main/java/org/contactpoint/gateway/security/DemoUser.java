package org.contactpoint.gateway.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A demo identity from {@code deploy/local/demo-users}: {@code username|display name|roles,comma|org|org_code|la}.
 * Blank lines and lines starting with {@code #} are not users.
 */
public record DemoUser(String username, String displayName, List<String> roles, String organisation,
                       String organisationCode, String localAuthority) {

    public static Optional<DemoUser> parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        String[] fields = trimmed.split("\\|", -1);
        if (fields.length < 6 || fields[0].isBlank()) {
            return Optional.empty();
        }
        List<String> roles = Arrays.stream(fields[2].split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
        return Optional.of(new DemoUser(fields[0].strip(), fields[1].strip(), roles, blankToNull(fields[3]),
                blankToNull(fields[4]), blankToNull(fields[5])));
    }

    private static String blankToNull(String field) {
        return field == null || field.isBlank() ? null : field.strip();
    }
}
