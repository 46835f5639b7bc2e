package org.contactpoint.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The OpenAPI document a service serves is its published contract: committed as {@code docs/openapi/<service>.yaml},
 * linted in {@code deploy/local/test-all}, and compared here with what the running service serves, so that a changed
 * endpoint fails the build until the committed document is regenerated and reviewed. Regenerate every service's with
 * {@code deploy/local/openapi-regenerate} (it runs these tests with {@code -Dcontactpoint.openapi.write=true}).
 */
public final class OpenApiContract {

    /** With this system property {@code true} the served document is written over the committed one. */
    public static final String WRITE = "contactpoint.openapi.write";

    private OpenApiContract() {
    }

    /** Fails, naming the first line that differs, unless the served document is the committed one. */
    public static void assertServedIsCommitted(URI base, String service) {
        String served = served(base);
        Path committed = repositoryRoot().resolve("docs/openapi/" + service + ".yaml");
        try {
            if (Boolean.getBoolean(WRITE)) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, served);
                return;
            }
            if (!Files.exists(committed)) {
                throw new AssertionError(committed + " is missing: run deploy/local/openapi-regenerate");
            }
            List<String> expected = Files.readString(committed).lines().toList();
            List<String> actual = served.lines().toList();
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                String want = i < expected.size() ? expected.get(i) : "<end of document>";
                String got = i < actual.size() ? actual.get(i) : "<end of document>";
                if (!want.equals(got)) {
                    throw new AssertionError("The served /q/openapi differs from the committed " + committed
                            + " at line " + (i + 1) + ":\n  committed: " + want + "\n  served:    " + got
                            + "\nIf the change is meant, run deploy/local/openapi-regenerate and commit the document.");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read or write " + committed, e);
        }
    }

    private static String served(URI base) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=yaml")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            String body = response.body();
            return body.endsWith("\n") ? body : body + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException("could not read /q/openapi", e);
        }
    }

    /** The checkout's root: the nearest directory up from the module's that holds the Maven wrapper. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the ContactPoint checkout");
        }
        return dir;
    }
}
