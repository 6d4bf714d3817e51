package dev.keygate.behavior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP to the running server, nothing else: the JDK client, so the harness shares no client code
 * (Jersey filters, Jackson modules) with the service and sees the wire as a LiteLLM client would.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final String baseUrl;

    Api(int port) {
        this.port = port;
        this.baseUrl = "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    /**
     * Every "METHOD /path" of this run (query strings dropped) that got past authentication, for the
     * route-coverage gate: a 401 proves only that a route is guarded, not what it does.
     */
    private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();

    /**
     * One client for the run. Keep-alive is safe: Keygate answers errors to requests with a body
     * with {@code Connection: close} (see KeepAliveAfterRejectionTest), so the client never reuses
     * a connection the server is about to drop. HTTP/1.1 because the JDK's default would try an
     * h2c upgrade.
     */
    private static final HttpClient CLIENT =
            HttpClients.blocking(TIMEOUT);

    static Set<String> exercised() {
        return Set.copyOf(EXERCISED);
    }

    public Response get(String path, Credential credential) {
        return send("GET", path, null, credential);
    }

    /** {@code body} is anything Jackson writes: usually a {@code Map}. */
    public Response post(String path, Object body, Credential credential) {
        return send("POST", path, body, credential);
    }

    /** {@code GET /key/info?key=<key>}; the key is url-encoded. */
    public Response keyInfo(String key, Credential credential) {
        return get("/key/info?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), credential);
    }

    /** {@code GET /key/info} without {@code ?key}: the caller's own key. */
    public Response ownKeyInfo(Credential credential) {
        return get("/key/info", credential);
    }

    /** {@code GET /key/verify}: header mode, the credential is the key verified. */
    public Response verify(Credential credential) {
        return get("/key/verify", credential);
    }

    /** {@code POST /key/verify {"key": <key>}}: body mode, the caller verifies someone's key. */
    public Response verifyByBody(String key, Credential credential) {
        return post("/key/verify", Map.of("key", key), credential);
    }

    public Response patch(String path, Object body, Credential credential) {
        return send("PATCH", path, body, credential);
    }

    public Response delete(String path, Object body, Credential credential) {
        return send("DELETE", path, body, credential);
    }

    /** Any method, with an optional JSON body. */
    public Response send(String method, String path, Object body, Credential credential) {
        String json = body == null ? null : write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> header : credential.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        String described = method + " " + path + (json == null ? "" : " " + json) + " [" + credential + "]";
        CacheSyncs.awaitWrites();
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 401) {
                int query = path.indexOf('?');
                EXERCISED.add(method + " " + (query < 0 ? path : path.substring(0, query)));
            }
            return new Response(described, response.statusCode(), parse(response.body()), response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException("Request failed: " + described, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + described, e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body " + body, e);
        }
    }

    /** A body as JSON; MissingNode when it is empty or not JSON. */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
