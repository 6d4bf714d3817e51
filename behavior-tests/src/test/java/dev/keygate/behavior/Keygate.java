package dev.keygate.behavior;

import java.util.Map;

/**
 * Static access to the running server for tests and fixtures, so that row records and helpers do
 * not have to thread it through every call. Only {@link KeygateServerExtension} boots it.
 */
public final class Keygate {

    private static volatile KeygateServer server;

    private Keygate() {}

    static KeygateServer boot() {
        server = KeygateServer.start();
        return server;
    }

    /** HTTP client bound to the server's application port. */
    public static Api api() {
        return running().api();
    }

    /** Direct JDBC access to the server's database, for seeding and post-conditions. */
    public static Db db() {
        return running().db();
    }

    /** Runs an admin task ({@code POST /tasks/<task>} on the admin port); its output. */
    static String runTask(String task) {
        return running().runTask(task);
    }

    /** The server's metrics now ({@code GET /metrics} on the admin port, parsed). */
    static MetricsScrape scrapeMetrics() {
        return running().scrapeMetrics();
    }

    /** The identity provider whose tokens the server accepts (behavior-config.yml's {@code jwt:}). */
    static IdentityProvider identityProvider() {
        return running().identityProvider();
    }

    /**
     * A second Keygate on the same database and configuration but for {@code settings} (instance B;
     * the one above is A), for what only shows across instances. Use it through
     * {@link KeygatePeerExtension}, which closes it.
     */
    static KeygatePeer startPeer(Map<String, String> settings) {
        return running().startPeer(settings);
    }

    /**
     * Returns once every running instance has applied every change committed so far: after a write
     * through one instance's API, the next request to any other must see it (JDBC writes wait by themselves).
     */
    static void awaitCacheSyncs() {
        running().awaitCacheSyncs();
    }

    private static KeygateServer running() {
        KeygateServer current = server;
        if (current == null) {
            throw new IllegalStateException("Keygate is not running: annotate the test class with @BehaviorTest");
        }
        return current;
    }
}
