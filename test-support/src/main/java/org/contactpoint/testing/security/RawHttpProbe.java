package org.contactpoint.testing.security;

import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Requests an HTTP client library will not send, written to a socket byte for byte: a request line, headers, a
 * declared body and a chunked body (no length given: the server learns its size only while reading it) each larger
 * than a service accepts. Each must be refused with its status and a problem document,
 * like any other refusal, not with the bare answer of the HTTP layer.
 */
public final class RawHttpProbe {

    private static final Logger LOG = Logger.getLogger(RawHttpProbe.class);

    /** What one probe sent and what came back. */
    public record Outcome(String probe, int expectedStatus, int status, String contentType, String body) {

        public boolean refusedAsProblem() {
            return status == expectedStatus && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")
                    && body.contains("\"status\":" + expectedStatus);
        }

        @Override
        public String toString() {
            return probe + " -> " + status + " " + contentType + " " + (body.length() > 160 ? body.substring(0, 160) : body);
        }
    }

    private RawHttpProbe() {
    }

    /**
     * Sends the three oversized requests to {@code path} (a path of the service; the refusal comes before routing)
     * with a genuine bearer token, and returns what each got.
     */
    public static List<Outcome> oversized(URI base, String path, String bearerToken) {
        String auth = "Authorization: Bearer " + bearerToken + "\r\n";
        List<Outcome> outcomes = new ArrayList<>();
        String longQuery = path + "?q=" + "a".repeat(6000);
        outcomes.add(send(base, "request line of 6 kB", 414,
                "GET " + longQuery + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n"));
        outcomes.add(send(base, "headers of 20 kB", 431,
                "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth + "X-Padding: " + "b".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"));
        outcomes.add(send(base, "declared body of 2 MB", 413,
                "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"a\":"));
        outcomes.add(sendChunked(base, "chunked body of 2 MB", 413,
                "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + auth
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", 2_000_000));
        return outcomes;
    }

    /**
     * Sends {@link #oversized} as a genuine caller, logs each outcome tagged with the service's name, and fails
     * listing every probe that was not refused with its status and a problem document.
     */
    public static void assertOversizedRefusedAsProblems(URI base, String path, String bearerToken, String service) {
        List<Outcome> outcomes = oversized(base, path, bearerToken);
        outcomes.forEach(o -> LOG.infof("probe %s: %s", service, o));
        List<Outcome> wrong = outcomes.stream().filter(o -> !o.refusedAsProblem()).toList();
        if (!wrong.isEmpty()) {
            throw new AssertionError(service + ": not refused with a problem document: " + wrong);
        }
    }

    private static Outcome send(URI base, String probe, int expected, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(probe, expected, readResponse(socket.getInputStream()));
        } catch (IOException e) {
            return new Outcome(probe, expected, -1, "", e.toString());
        }
    }

    private static Outcome parse(String probe, int expected, String response) {
        int headerEnd = response.indexOf("\r\n\r\n");
        String head = headerEnd < 0 ? response : response.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : response.substring(headerEnd + 4);
        String[] lines = head.split("\r\n");
        int status = lines.length > 0 && lines[0].startsWith("HTTP/") ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
        String contentType = "";
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            }
        }
        return new Outcome(probe, expected, status, contentType, body);
    }

    /**
     * Sends the head, then a JSON body of {@code bodyBytes} in 64 kB chunks. The server may answer and close before
     * the body is all sent; the answer is read all the same.
     */
    private static Outcome sendChunked(URI base, String probe, int expected, String head, int bodyBytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = ("{\"a\":\"" + "x".repeat(64 * 1024 - 7)).getBytes(StandardCharsets.US_ASCII);
                byte[] filler = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (int sent = 0; sent < bodyBytes; sent += filler.length) {
                    byte[] data = sent == 0 ? chunk : filler;
                    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(data);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("2\r\n\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedWhileSending) {
                // The server answered and closed while the body was still coming: read what it answered.
            }
            return parse(probe, expected, readResponse(socket.getInputStream()));
        } catch (IOException e) {
            return new Outcome(probe, expected, -1, "", e.toString());
        }
    }

    /** Reads one response: its headers, then as much body as Content-Length says, or up to the connection's end. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int contentLength = -1;
        int headerEnd = -1;
        int read;
        while ((read = in.read(buffer)) != -1) {
            bytes.write(buffer, 0, read);
            String sofar = bytes.toString(StandardCharsets.ISO_8859_1);
            if (headerEnd < 0 && (headerEnd = sofar.indexOf("\r\n\r\n")) >= 0) {
                for (String line : sofar.substring(0, headerEnd).split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
            }
            if (headerEnd >= 0 && contentLength >= 0 && bytes.size() >= headerEnd + 4 + contentLength) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
