package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Requests a hostile client writes by hand, refused before any route sees them by Jetty's parser,
 * its URI checks or its method filter. Each answer is still Keygate's error envelope, as JSON, with
 * the status saying what was wrong (never 500), and echoes nothing of the request: Jetty's own error
 * pages repeated the URI, so a key in a path or query came back in the body.
 */
@BehaviorTest
class MalformedRequestTest {

    /** The key a request names in its path or query; the caller's own key is in its headers. */
    private static final String KEY = Actor.OWNER.key();
    private static final String CALLER = Actor.PROXY_ADMIN.key();

    @Test
    void requestLineJustUnder16KiB431() {
        String target = "/key/info?key=" + KEY + "&x=" + "a".repeat(16_300);

        assertEnvelope(get(target, ""), 431, target);
    }

    @Test
    void headerOver16KiB431() {
        String target = "/key/info?key=" + KEY;

        assertEnvelope(get(target, "X-Padding: " + "a".repeat(16_400) + "\r\n"), 431, target);
    }

    @Test
    void queryOver16KiB414() {
        String target = "/key/info?key=" + KEY + "&x=" + "a".repeat(17_000);

        assertEnvelope(get(target, ""), 414, target);
    }

    @Test
    void traceMethod405() {
        String target = "/key/info?key=" + KEY;

        assertEnvelope(request("TRACE", target, ""), 405, target);
    }

    @Test
    void unknownMethod405() {
        String target = "/key/info?key=" + KEY;

        assertEnvelope(request("FOO", target, ""), 405, target);
    }

    @Test
    void lowercaseMethod405() {
        String target = "/key/info?key=" + KEY;

        assertEnvelope(request("get", target, ""), 405, target);
    }

    @Test
    void emptyPathSegment400() {
        String target = "//key/list?key_hash=" + KEY;

        assertEnvelope(get(target, ""), 400, target);
    }

    @Test
    void invalidUtf8InPath400() {
        String target = "/key/" + KEY + "%ff/regenerate";

        assertEnvelope(request("POST", target, "Content-Length: 0\r\n"), 400, target);
    }

    @Test
    void encodedSlashInPath400() {
        String target = "/key/" + KEY + "/regenerate%2F";

        assertEnvelope(request("POST", target, "Content-Length: 0\r\n"), 400, target);
    }

    @Test
    void controlByteInHeader400() {
        String target = "/key/info?key=" + KEY;

        assertEnvelope(get(target, "X-Note: a\u0001b\r\n"), 400, target);
    }

    @Test
    void nonNumericContentLength400() {
        String target = "/key/" + KEY + "/regenerate";

        assertEnvelope(request("POST", target, "Content-Length: abc\r\n"), 400, target);
    }

    @Test
    void transferEncodingOtherThanChunked400() {
        String target = "/key/" + KEY + "/regenerate";

        assertEnvelope(request("POST", target, "Transfer-Encoding: gzip\r\n"), 400, target);
    }

    @Test
    void chunkedBodyCutShort400() {
        String target = "/key/" + KEY + "/regenerate";
        String head = head("POST", target, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
        // Announces 0x40 bytes, sends 12, then ends the connection's input: Jetty's "Early EOF".
        String cutShort = head + "40\r\n{\"key_alias\"";

        assertEnvelope(RawHttp.exchange(cutShort, true), 400, target);
    }

    private static RawHttp.RawResponse get(String target, String extraHeaders) {
        return request("GET", target, extraHeaders);
    }

    private static RawHttp.RawResponse request(String method, String target, String extraHeaders) {
        return RawHttp.exchange(head(method, target, extraHeaders));
    }

    /** The caller authenticates in every request: the rejection comes before any route, whoever asks. */
    private static String head(String method, String target, String extraHeaders) {
        return RawHttp.head(method, target, "Authorization: Bearer " + CALLER + "\r\n" + extraHeaders);
    }

    private static void assertEnvelope(RawHttp.RawResponse response, int status, String target) {
        response.asResponse().assertError(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/json");
        assertThat(response.body()).as("body of %s", response)
                .doesNotContain(KEY)
                .doesNotContain(CALLER)
                .doesNotContain(target.length() > 40 ? target.substring(0, 40) : target);
    }
}
