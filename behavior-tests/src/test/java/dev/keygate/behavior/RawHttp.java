package dev.keygate.behavior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a plain socket. HTTP clients refuse to send most malformed
 * requests (a control byte in a header, {@code Content-Length: abc}, a lowercase method) or quietly
 * repair them (a {@code //} path), so the requests a hostile client sends can only be written by hand.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {}

    /**
     * Sends {@code request} (ISO-8859-1, so any byte can be written) to the application port, ends
     * the client's side of the connection when {@code endOfInput} (a body cut short), and reads one
     * answer.
     */
    static RawResponse exchange(String request, boolean endOfInput) {
        CacheSyncs.awaitWrites();
        try (Socket socket = new Socket("localhost", Keygate.api().port())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (endOfInput) {
                socket.shutdownOutput();
            }
            return RawResponse.parse(request, readAnswer(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("Raw request failed: " + firstLine(request), e);
        }
    }

    static RawResponse exchange(String request) {
        return exchange(request, false);
    }

    /** A request head as most tests write it: {@code headers} (each ending in CRLF) between Host and Connection: close. */
    static String head(String method, String target, String headers) {
        return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n";
    }

    /**
     * Bytes up to the end of the first answer, or of the connection: the server does not always
     * close after an error (it keeps a CONNECT open whatever the client asks).
     */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; !RawResponse.isComplete(all.toString(StandardCharsets.ISO_8859_1)) && (n = in.read(chunk)) >= 0; ) {
                all.write(chunk, 0, n);
            }
        } catch (SocketException e) {
            // A reset after the answer (the server closing with unread request bytes) ends it too.
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    private static String firstLine(String request) {
        int end = request.indexOf("\r\n");
        String line = end < 0 ? request : request.substring(0, end);
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** One answer: the status, the headers (names lowercased) and the body, de-chunked. */
    record RawResponse(String request, int status, Map<String, String> headers, String body) {

        static RawResponse parse(String request, byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new IllegalStateException("No complete response to " + firstLine(request) + ": '" + text + "'");
            }
            String[] lines = text.substring(0, headEnd).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(headEnd + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            byte[] raw = body.getBytes(StandardCharsets.ISO_8859_1);
            return new RawResponse(request, Integer.parseInt(lines[0].split(" ", 3)[1]), headers,
                    new String(raw, StandardCharsets.UTF_8));
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        /** True once {@code text} holds a head and the whole body it announces (by length or chunks). */
        static boolean isComplete(String text) {
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return false;
            }
            String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
            String body = text.substring(headEnd + 4);
            for (String line : head.split("\r\n")) {
                if (line.startsWith("content-length:")) {
                    return body.length() >= Integer.parseInt(line.substring("content-length:".length()).trim());
                }
                if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                    return body.startsWith("0\r\n\r\n") || body.contains("\r\n0\r\n\r\n");
                }
            }
            // Neither: the body ends with the connection.
            return false;
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        /** The same answer as the harness's HTTP client would see it, for its envelope assertions. */
        Response asResponse() {
            return new Response(firstLine(request), status, parse(body), toString());
        }

        private static JsonNode parse(String text) {
            try {
                return text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return MissingNode.getInstance();
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }
}
