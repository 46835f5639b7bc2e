package org.contactpoint.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No private key, signed token or password is committed: the local run generates its own (deploy/local/keys.sh,
 * postgres.sh) and tests generate theirs at test time (TestJwtKeys). Scans every file git tracks (every file under
 * the repository root, less build output and .local/, when git is not installed).
 */
class NoCommittedSecretsTest {

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z]+ )*PRIVATE KEY-----");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    /**
     * A literal assigned to a password-like name on the same line; a value followed by "(" is a call in code, not a
     * secret. Only spaces and tabs may surround the separator, so a YAML key such as {@code secret:} whose value is a
     * nested mapping on the next lines is not read as a literal.
     */
    private static final Pattern PASSWORD = Pattern.compile(
            "(?i)(password|passwd|secret|api[_-]?key)[ \\t]*[=:][ \\t]*[\"']?([A-Za-z0-9][^\\s\"'$,;(){}]{5,}+)(?!\\()");
    /** Values that are placeholders, not secrets. */
    private static final Set<String> PLACEHOLDERS = Set.of("change-me");

    @Test
    void theRepositoryHoldsNoPrivateKeyTokenOrPassword() throws IOException {
        Path root = repositoryRoot();
        List<String> findings = new ArrayList<>();
        for (Path file : trackedFiles(root)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException binary) {
                continue;
            }
            findings.addAll(scan(root.relativize(file).toString(), text));
        }
        assertThat(findings).as("secrets committed to the repository").isEmpty();
    }

    @Test
    void theScanRecognisesEachKindOfSecret() {
        // Built at run time so the test's own source holds none of them.
        String pem = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEow...\n";
        String jwt = "eyJhbGciOiJSUzI1NiJ9" + ".eyJzdWIiOiJ0ZWFjaGVyIn0.c2lnbmF0dXJl";
        assertThat(scan("a.pem", pem)).hasSize(1);
        assertThat(scan("a.sh", "TOKEN=" + jwt)).isNotEmpty();
        assertThat(scan("a.properties", "quarkus.datasource.pass" + "word=hunter22")).hasSize(1);
        assertThat(scan("a.properties", "quarkus.datasource.pass" + "word=${CP_DB_PASSWORD:change-me}")).isEmpty();
        assertThat(scan("a.yaml", "secret" + ":\n  secretName: cluster-ca-cert\n")).isEmpty();
        assertThat(scan("a.yaml", "  - pass" + "word: hunter22\n")).hasSize(1);
    }

    static List<String> scan(String name, String text) {
        List<String> findings = new ArrayList<>();
        if (PRIVATE_KEY.matcher(text).find()) {
            findings.add(name + ": a PEM private key");
        }
        if (JWT.matcher(text).find()) {
            findings.add(name + ": a signed JWT");
        }
        Matcher password = PASSWORD.matcher(text);
        while (password.find()) {
            if (!PLACEHOLDERS.contains(password.group(2))) {
                findings.add(name + ": " + password.group(1) + " assigned a literal value");
            }
        }
        return findings;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (the directory holding mvnw)").isNotNull();
        return dir;
    }

    private static List<Path> trackedFiles(Path root) throws IOException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                    .redirectErrorStream(false).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() == 0 && !out.isEmpty()) {
                return Stream.of(out.split("\0")).map(root::resolve).filter(Files::isRegularFile).toList();
            }
        } catch (IOException | InterruptedException noGit) {
            // fall through to walking the tree
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String relative = root.relativize(p).toString();
                return !relative.startsWith(".git") && !relative.startsWith(".local")
                        && !relative.contains("/target/") && !relative.startsWith("target/");
            }).toList();
        }
    }
}
