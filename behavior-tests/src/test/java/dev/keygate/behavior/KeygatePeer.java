package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.KeygateConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A second running Keygate (instance B) on the main server's database, configured as the main one
 * (instance A) but for the settings it was started with ({@link PeerSettings}): what one instance
 * caches, the other must learn about through Postgres. Started once per test JVM and set of
 * settings, on first use, by {@link KeygatePeerExtension}, and stopped when that JVM's run ends
 * (stopping it earlier would reset the logging A shares with it); the database stays A's.
 */
final class KeygatePeer implements AutoCloseable {

    /** {@code application_name} of an instance's LISTEN connection in pg_stat_activity. */
    static final String LISTENER = "keygate-cache-listener";

    private final DropwizardAppExtension<KeygateConfiguration> app;
    private final Api api;
    /**
     * The LISTEN connection every peer of this JVM had when it started: a peer started after B (one
     * with other settings) is not in B's {@link #listenersBefore}, and must not be taken for B.
     */
    private static final Set<Integer> PEERS_FIRST_LISTENERS = ConcurrentHashMap.newKeySet();

    private final Set<Integer> listenersBefore;
    private final Set<Integer> firstListener;
    private final CacheSyncs cacheSyncs;

    private KeygatePeer(DropwizardAppExtension<KeygateConfiguration> app, Set<Integer> listenersBefore,
                        Set<Integer> firstListener, CacheSyncs cacheSyncs) {
        this.app = app;
        this.api = new Api(app.getLocalPort());
        this.listenersBefore = Set.copyOf(listenersBefore);
        this.firstListener = Set.copyOf(firstListener);
        this.cacheSyncs = cacheSyncs;
    }

    /**
     * Records the LISTEN connections already open (A's; waits up to 10 s for one to show), then
     * starts B, so B's listener is the one that was not there before. From then on B too has applied
     * the harness's JDBC writes before the next request goes out ({@code cacheSyncs}), so a scenario's
     * setup never races B; only the writes a scenario measures go through A's API, unsynchronised.
     */
    static KeygatePeer start(TestDatabase database, IdentityProvider identityProvider, Db db, CacheSyncs cacheSyncs,
                             Map<String, String> settings) {
        Set<Integer> before = awaitListeners(db, Set.of(), Duration.ofSeconds(10));
        DropwizardAppExtension<KeygateConfiguration> app = KeygateServer.application(database, identityProvider, settings);
        try {
            app.before();
        } catch (Exception | Error e) {
            try {
                app.after();
            } catch (RuntimeException ignored) {
                // Half-started: the boot failure is the error to report.
            }
            throw new IllegalStateException("The second Keygate instance did not start", e);
        }
        cacheSyncs.add(app.getAdminPort());
        Set<Integer> first = awaitListeners(db, before, Duration.ofSeconds(30));
        PEERS_FIRST_LISTENERS.addAll(first);
        return new KeygatePeer(app, before, first, cacheSyncs);
    }

    /** HTTP to B's application port. */
    Api api() {
        return api;
    }

    /** B's metrics now ({@code GET /metrics} on its admin port, parsed). */
    MetricsScrape scrapeMetrics() {
        return MetricsScrape.of(app.getAdminPort());
    }

    /** The LISTEN connections open before B started: A's. */
    Set<Integer> listenersOfOthers() {
        return listenersBefore;
    }

    /** B's LISTEN connection now: the one listener that is not A's and not in {@code gone}; waits up to {@code limit}. */
    int listener(Set<Integer> gone, Duration limit) {
        Set<Integer> excluded = new HashSet<>(listenersBefore);
        excluded.addAll(gone);
        PEERS_FIRST_LISTENERS.stream().filter(pid -> !firstListener.contains(pid)).forEach(excluded::add);
        Set<Integer> found = awaitListeners(Keygate.db(), excluded, limit);
        assertThat(found).as("%s connections in pg_stat_activity besides %s, within %s", LISTENER, excluded, limit)
                .hasSize(1);
        return found.iterator().next();
    }

    /** Polls pg_stat_activity until a listener outside {@code excluded} shows; returns them all (empty past {@code limit}). */
    private static Set<Integer> awaitListeners(Db db, Set<Integer> excluded, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Set<Integer> found = listeners(db);
            found.removeAll(excluded);
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Set<Integer> listeners(Db db) {
        String pids = (String) db.row(
                "SELECT string_agg(pid::text, ',') AS pids FROM pg_stat_activity WHERE application_name = ?", LISTENER)
                .orElseThrow().get("pids");
        Set<Integer> found = new HashSet<>();
        if (pids != null) {
            for (String pid : pids.split(",")) {
                found.add(Integer.parseInt(pid));
            }
        }
        return found;
    }

    @Override
    public void close() {
        cacheSyncs.remove(app.getAdminPort());
        app.after();
    }
}
