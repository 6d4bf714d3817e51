package dev.keygate.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends {@link HostileRequest}s: HTTP ones on the JDK client's kept-alive connections (Keygate closes
 * a connection only after an error to a request with a body, and says so), raw ones on a socket of
 * their own. A request that gets no answer at all comes back as status 0, for the suite to report.
 */
final class HostileClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Bodies and targets past this many bytes are sent again when they got no answer (see {@link #send}). */
    private static final int LARGE = 8 * 1024;
    /** How many times a large request is sent at most: the race below hit twice in a row once in ~60,000 requests. */
    private static final int LARGE_SENDS = 4;

    private final String baseUrl;
    private final HttpClient client =
            HttpClients.blocking(TIMEOUT);

    HostileClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** The answer: status (0: none), content type, body text, and the body as JSON (MissingNode if not). */
    record Answer(int status, String contentType, String body, JsonNode json) {

        static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType == null ? "" : contentType, body, Api.parse(body));
        }

        static Answer none(String why) {
            return new Answer(0, "", "no answer: " + why, MissingNode.getInstance());
        }

        /** The envelope's assertions as {@link Response} states them, for reuse. */
        Response asResponse(String request) {
            return new Response(request, status, json, body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + HostileRequest.preview(body, 300);
        }
    }

    /**
     * Sends {@code request}; a large one that got no answer is sent again, up to {@value #LARGE_SENDS}
     * times in all. A request refused
     * before all of it is read (a 401 before the body; a 431 for a target over the header limit) is
     * answered and its connection closed while the rest is still arriving, and closing with unread
     * bytes resets the connection, which can discard the answer before the client reads it: a race
     * in TCP (likelier on a loaded machine), not an answer Keygate failed to give. A small request
     * that gets no answer is not retried (a connection the server ended unannounced fails the
     * request after it, which is small as a rule).
     */
    Answer send(HostileRequest request) {
        CacheSyncs.awaitWrites();
        Answer answer = request.isRaw() ? sendRaw(request) : sendHttp(request);
        boolean large = (request.body() != null && request.body().length > LARGE) || request.target().length() > LARGE;
        for (int sent = 1; answer.status() == 0 && !request.isRaw() && large && sent < LARGE_SENDS; sent++) {
            answer = sendHttp(request);
        }
        return answer;
    }

    private Answer sendRaw(HostileRequest request) {
        try {
            // Always end the client's side after writing: a request the server still waits on (a
            // body shorter than announced) ends there instead of at a read timeout.
            RawHttp.RawResponse answer = RawHttp.exchange(request.raw(), true);
            return Answer.of(answer.status(), answer.contentType(), answer.body());
        } catch (UncheckedIOException | IllegalStateException e) {
            return Answer.none(e.toString());
        }
    }

    private Answer sendHttp(HostileRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.target())).timeout(TIMEOUT);
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.caller().headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return Answer.of(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Answer.none(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.describe(), e);
        }
    }
}
