import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's FHIR facade in the lookup load: mix {@code fhir-<mix>} draws the JSON API's {@code <mix>} probes (the
 * same children, typos and dates) and sends each as the FHIR request a FHIR client would make: a Patient search with
 * family, given and birthdate, or for {@code fhir-view} a Patient read. The rates then sit beside the JSON API's, on the
 * same data, in the report's lookup table.
 */
final class FhirSearches {

    private static final String PREFIX = "fhir-";

    private FhirSearches() {
    }

    static boolean isFhir(String mix) {
        return mix.startsWith(PREFIX);
    }

    /** The JSON API mix whose probes a FHIR mix sends. */
    static String jsonMix(String mix) {
        return mix.substring(PREFIX.length());
    }

    static Bench.Probe asFhir(String mix, Bench.Probe probe) {
        String path;
        if (probe.family() == null) {
            // A record view, /children/{id}: the Patient read.
            path = "/fhir/Patient/" + probe.path().substring(probe.path().lastIndexOf('/') + 1);
        } else {
            path = "/fhir/Patient?family=" + enc(probe.family()) + "&given=" + enc(probe.given()) + "&birthdate="
                    + probe.dateOfBirth();
        }
        return new Bench.Probe(mix, probe.child(), probe.family(), probe.given(), probe.dateOfBirth(), path);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
