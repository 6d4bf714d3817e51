package dev.keygate.behavior;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The harness's identity provider: one JDK HTTP server on a random port, started before Keygate and
 * stopped after it, serving each {@link TestIssuer}'s JWKS (and, for a discovery issuer, its OpenID
 * Connect discovery document), plus any document a test puts up ({@link #serve}) — an attacker's key
 * set that a token's {@code jku} header points at, say. Every path's requests are counted, so a test
 * can say "Keygate fetched this once" or "never".
 *
 * <p>behavior-config.yml lists the issuers in {@link TestIssuer} order with placeholder URLs;
 * {@link #configSettings()} puts in the real ones, which depend on the port.
 */
final class IdentityProvider implements AutoCloseable {

    private final HttpServer server;
    private final Map<TestIssuer, IssuerKeys> issuers = new EnumMap<>(TestIssuer.class);
    private final Map<String, Supplier<String>> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private IdentityProvider(HttpServer server) {
        this.server = server;
    }

    static IdentityProvider start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("The harness's identity provider did not start", e);
        }
        IdentityProvider provider = new IdentityProvider(server);
        for (TestIssuer issuer : TestIssuer.values()) {
            IssuerKeys keys = new IssuerKeys(issuer);
            provider.issuers.put(issuer, keys);
            provider.serve(jwksPath(issuer), keys::jwks);
            if (issuer.discovery()) {
                provider.serve(discoveryPath(issuer), () -> """
                        {"issuer": "%s", "jwks_uri": "%s"}""".formatted(issuer.id(), provider.url(jwksPath(issuer))));
            }
        }
        server.createContext("/", provider::answer);
        server.start();
        return provider;
    }

    /** Where Keygate finds each issuer's keys: {@code jwt.issuers[i]} of behavior-config.yml, setting by setting. */
    Map<String, String> configSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (TestIssuer issuer : TestIssuer.values()) {
            String entry = "jwt.issuers[" + issuer.ordinal() + "].";
            if (issuer.discovery()) {
                settings.put(entry + "oidc_discovery_url", url(discoveryPath(issuer)));
            } else {
                settings.put(entry + "jwks_url", url(jwksPath(issuer)));
            }
        }
        return settings;
    }

    IssuerKeys keys(TestIssuer issuer) {
        return issuers.get(issuer);
    }

    /** Puts a document up at {@code path} (answered 200, as JSON); returns its URL. */
    String serve(String path, Supplier<String> document) {
        documents.put(path, document);
        return url(path);
    }

    /** How many requests {@code path} has had (answered or not). */
    int requests(String path) {
        return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** How many times Keygate asked for the issuer's key set (answered or not). */
    int jwksRequests(TestIssuer issuer) {
        return requests(jwksPath(issuer));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String jwksPath(TestIssuer issuer) {
        return "/" + issuer.pathName() + "/jwks";
    }

    private static String discoveryPath(TestIssuer issuer) {
        return "/" + issuer.pathName() + "/.well-known/openid-configuration";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Supplier<String> document = documents.get(path);
            IssuerKeys owner = issuers.values().stream().filter(keys -> path.equals(jwksPath(keys.issuer())))
                    .findFirst().orElse(null);
            if (document == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (owner != null && owner.isDown()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
