package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A request rejected with 401 before its body was read must not break the client's keep-alive
 * connection: the server either says {@code Connection: close} or reads past the body and serves
 * the next request (RFC 9112 section 9). Otherwise keep-alive clients (the JDK's, httpx) see
 * random connection resets on the request after a rejection.
 *
 * <p>Raw socket, so the timing is deterministic: the body is held back until the 401 has arrived.
 */
@BehaviorTest
class KeepAliveAfterRejectionTest {

    private static final String BODY = "{\"key_alias\":\"never-created\"}";

    @Test
    void connectionStaysUsableOrIsAnnouncedClosedAfterEarly401() throws IOException {
        try (Socket socket = new Socket("localhost", Keygate.api().port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            write(out, "POST /key/generate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token abc\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n");

            socket.setSoTimeout(2_000);
            Optional<RawResponse> early = readResponse(in);
            if (early.isEmpty()) {
                // A server that waits for the body before answering is fine too: its answer comes now.
                write(out, BODY);
                socket.setSoTimeout(10_000);
            }
            RawResponse rejected = early.isPresent() ? early.get() : readResponse(in).orElseThrow();
            assertThat(rejected.status()).as("first response: %s", rejected).isEqualTo(401);
            if (rejected.announcesClose()) {
                return;
            }
            if (early.isPresent()) {
                // The body is still owed. Give the server a second to show what it does meanwhile:
                // a kept-alive connection stays open (the read times out); a silent close reads EOF.
                socket.setSoTimeout(1_000);
                assertThat(stillOpen(in)).as("connection still open after %s (no Connection: close was sent)", rejected).isTrue();
                write(out, BODY);
                socket.setSoTimeout(10_000);
            }

            write(out, "GET /health/liveliness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            Optional<RawResponse> next = readResponse(in);
            assertThat(next).as("response to the next request on the kept-alive connection (first was: %s)", rejected)
                    .hasValueSatisfying(response -> assertThat(response.status()).isEqualTo(200));
        }
    }

    /** True when a read times out (open, nothing to say); false on end of stream, reset or stray bytes. */
    private static boolean stillOpen(InputStream in) {
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One HTTP/1.1 response with a Content-Length body; empty on timeout or when the server closed the connection. */
    private static Optional<RawResponse> readResponse(InputStream in) throws IOException {
        String head;
        try {
            head = readHead(in);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        if (head == null) {
            return Optional.empty();
        }
        int contentLength = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(contentLength);
        return Optional.of(new RawResponse(head, new String(body, StandardCharsets.UTF_8)));
    }

    /** Bytes up to the blank line; null on a clean end of stream before any byte. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private record RawResponse(String head, String body) {

        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        boolean announcesClose() {
            return head.toLowerCase(Locale.ROOT).lines()
                    .anyMatch(line -> line.startsWith("connection:") && line.contains("close"));
        }

        @Override
        public String toString() {
            return head.trim().replace("\r\n", " | ") + " | " + body;
        }
    }
}
