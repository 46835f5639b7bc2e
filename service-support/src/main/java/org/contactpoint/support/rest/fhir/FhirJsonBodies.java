package org.contactpoint.support.rest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import org.contactpoint.support.rest.ProblemException;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes FHIR R4 resources as {@code application/fhir+json} with HAPI's parser. One {@link FhirContext} for
 * the service: it is thread-safe and costly to build (it scans the model classes once, on first use).
 * <p>
 * Not a provider itself: every service shares this bean archive, and HAPI ({@code hapi-fhir-structures-r4}) is an
 * optional dependency of it, so only a service that serves FHIR brings HAPI and declares a {@code @Provider} subclass.
 */
public abstract class FhirJsonBodies implements MessageBodyWriter<IBaseResource>, MessageBodyReader<IBaseResource> {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final MediaType FHIR_JSON_TYPE = MediaType.valueOf(FHIR_JSON);

    public static final FhirContext R4 = FhirContext.forR4Cached();

    private static IParser parser() {
        // A parser is cheap and not thread-safe: one per body.
        return R4.newJsonParser().setStripVersionsFromReferences(false);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(IBaseResource resource, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws java.io.IOException, WebApplicationException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        parser().encodeResourceToWriter(resource, writer);
        writer.flush();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    public IBaseResource readFrom(Class<IBaseResource> type, Type genericType, Annotation[] annotations,
                                  MediaType mediaType, MultivaluedMap<String, String> headers, InputStream in)
            throws WebApplicationException {
        try {
            return parser().parseResource(type, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw ProblemException.invalidField("body", "is not a FHIR R4 " + type.getSimpleName()
                    + " in JSON: " + e.getMessage());
        }
    }
}
