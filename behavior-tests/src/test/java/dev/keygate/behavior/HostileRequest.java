package dev.keygate.behavior;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request of the hostile-input suite, as {@link HostileInputs} made it: either an HTTP request
 * the JDK client can send (any method, target, headers and body bytes) or, for framing no client
 * will write, the bytes of a whole request for {@link RawHttp}.
 *
 * @param family the mutation family that made it (the summary counts by it)
 * @param caller who sends it
 * @param method the HTTP method (for a raw request: as written in its request line)
 * @param target path and query, already percent-encoded
 * @param headers extra headers besides the caller's credential (for the HTTP client)
 * @param body the body bytes, or null for none
 * @param raw the whole request as ISO-8859-1 text for a raw socket, or null
 */
record HostileRequest(String family, HostileCaller caller, String method, String target, Map<String, String> headers,
                      byte[] body, String raw) {

    static HostileRequest http(String family, HostileCaller caller, String method, String target,
                               Map<String, String> headers, byte[] body) {
        return new HostileRequest(family, caller, method, target, Map.copyOf(headers), body, null);
    }

    static HostileRequest json(String family, HostileCaller caller, String method, String target, String json) {
        return http(family, caller, method, target, Map.of("Content-Type", "application/json"),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static HostileRequest raw(String family, HostileCaller caller, String method, String target, String raw) {
        return new HostileRequest(family, caller, method, target, Map.of(), null, raw);
    }

    boolean isRaw() {
        return raw != null;
    }

    /** Short enough for a failure message: family, caller, request line, headers and the start of the body. */
    String describe() {
        String text = isRaw() ? raw : method + " " + target + " " + headers + " "
                + (body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8));
        return "[" + family + ", " + caller + "] " + preview(text, 300);
    }

    /** The first {@code max} characters, control characters and lone surrogates shown as escapes. */
    static String preview(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > max ? out + "… (" + text.length() + " chars)" : out.toString();
    }
}
