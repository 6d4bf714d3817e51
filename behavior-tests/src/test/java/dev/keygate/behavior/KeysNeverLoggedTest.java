package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No key in any line the server logs, whoever writes it, even for requests that never reach a
 * route. A request line just under 8 KB (then Jetty's limit) with a key in its query made Jetty log the whole URI (its
 * error page outgrew the buffer): a cleartext key in the server log for anyone, no credential needed.
 */
@BehaviorTest
class KeysNeverLoggedTest {

    private static final String CALLER = Actor.PROXY_ADMIN.key();

    /** Requests naming {@code key}, each as a client would write it byte for byte. */
    static Stream<Named<UnaryOperator<String>>> requestsNamingAKey() {
        return Stream.of(
                Named.of("400: request line just under 8 KB (the parameter over its length)",
                        key -> get("/key/info?key=" + key + "&x=" + "a".repeat(8_100), "")),
                Named.of("431: request line just under 16 KiB",
                        key -> get("/key/info?key=" + key + "&x=" + "a".repeat(16_300), "")),
                Named.of("414: query over 16 KiB", key -> get("/key/info?key=" + key + "&x=" + "a".repeat(17_000), "")),
                Named.of("400: encoded slash after a key in the path",
                        key -> request("POST", "/key/" + key + "/regenerate%2F", "Content-Length: 0\r\n")),
                Named.of("400: control byte in a header", key -> get("/key/info?key=" + key, "X-Note: a\u0001b\r\n")),
                Named.of("400: the key as a second Host header", key -> get("/key/info", "Host: " + key + "\r\n")),
                Named.of("400: the key in a CONNECT target", key -> RawHttp.head("CONNECT", "/" + key, "")),
                Named.of("405: unknown method", key -> request("FOO", "/key/info?key=" + key, "")),
                Named.of("404: the key in an unknown route", key -> get("/no-such-route/" + key, "")),
                Named.of("200: key info by query", key -> get("/key/info?key=" + key, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsNamingAKey")
    void keyInARequestIsNeverLogged(UnaryOperator<String> request, Scratch scratch) {
        String key = generateKey(scratch);

        try (ServerLog.Recording log = ServerLog.record()) {
            RawHttp.exchange(request.apply(key));

            assertThat(log.lines()).as("server log lines").noneMatch(line -> line.contains(key) || line.contains(CALLER));
        }
    }

    @Test
    void chunkedBodyCutShortAfterAKeyInThePathIsNotLogged(Scratch scratch) {
        String key = generateKey(scratch);
        String cutShort = request("POST", "/key/" + key + "/regenerate",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n") + "40\r\n{\"key\":\"" + key;

        try (ServerLog.Recording log = ServerLog.record()) {
            RawHttp.exchange(cutShort, true);

            assertThat(log.lines()).as("server log lines").noneMatch(line -> line.contains(key) || line.contains(CALLER));
        }
    }

    /** The recording is not blind: it holds the request log's line, with the route and not the key. */
    @Test
    void recordingHoldsTheRequestLogLine(Scratch scratch) {
        String key = generateKey(scratch);

        try (ServerLog.Recording log = ServerLog.record()) {
            RawHttp.exchange(get("/key/info?key=" + key, ""));

            assertThat(log.lines()).anyMatch(line -> line.startsWith("INFO keygate.requests: GET /key/info 200 "));
        }
    }

    private static String generateKey(Scratch scratch) {
        return Keygate.api().post("/key/generate", Map.of("key_alias", scratch.name("logged")), Actor.PROXY_ADMIN.credential())
                .assertStatus(200).body().path("key").asText();
    }

    private static String get(String target, String extraHeaders) {
        return request("GET", target, extraHeaders);
    }

    private static String request(String method, String target, String extraHeaders) {
        return RawHttp.head(method, target, "Authorization: Bearer " + CALLER + "\r\n" + extraHeaders);
    }
}
