package dev.keygate.behavior;

import dev.keygate.KeygateApplication;
import dev.keygate.KeygateConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running Keygate: its Postgres, the identity provider whose tokens it accepts, the Dropwizard
 * application on a random port, and the seeded world. Closing writes the route coverage record, then
 * stops the application (it holds a connection pool), then Postgres and the identity provider.
 */
final class KeygateServer implements AutoCloseable {

    /** Numbers each application's system-property prefix. */
    private static final AtomicInteger APPLICATIONS = new AtomicInteger();

    private final TestDatabase database;
    private final IdentityProvider identityProvider;
    private final DropwizardAppExtension<KeygateConfiguration> app;
    private final CacheSyncs cacheSyncs;
    private final Db db;
    private final Api api;

    private KeygateServer(TestDatabase database, IdentityProvider identityProvider,
                          DropwizardAppExtension<KeygateConfiguration> app) {
        this.database = database;
        this.identityProvider = identityProvider;
        this.app = app;
        this.cacheSyncs = new CacheSyncs();
        cacheSyncs.add(app.getAdminPort());
        this.db = new Db(database.jdbcUrl(), database.user(), database.password(), cacheSyncs);
        this.api = new Api(app.getLocalPort());
    }

    static KeygateServer start() {
        TestDatabase database = TestDatabase.start();
        IdentityProvider identityProvider = IdentityProvider.start();
        // Started by hand rather than as a registered extension: a registered DropwizardAppExtension
        // would boot and stop once per test class.
        DropwizardAppExtension<KeygateConfiguration> app = application(database, identityProvider);
        try {
            app.before();
        } catch (Exception | Error e) {
            stopQuietly(app);
            identityProvider.close();
            database.close();
            throw new IllegalStateException("Keygate did not start", e);
        }
        KeygateServer server = new KeygateServer(database, identityProvider, app);
        try {
            // After before(): the application has run its Flyway migrations, so the tables exist.
            World.seed(server.db);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Keygate as the harness configures it, on {@code database}, trusting {@code identityProvider}; not started yet. */
    static DropwizardAppExtension<KeygateConfiguration> application(TestDatabase database,
                                                                    IdentityProvider identityProvider) {
        return application(database, identityProvider, Map.of());
    }

    /** Runs an admin task of this instance ({@code budget-reset}, …); its output. */
    String runTask(String task) {
        CacheSyncs.awaitWrites();
        return AdminTasks.run(app.getAdminPort(), task);
    }

    /** This instance's metrics now ({@code GET /metrics} on its admin port). */
    MetricsScrape scrapeMetrics() {
        return MetricsScrape.of(app.getAdminPort());
    }

    /**
     * As above, with {@code settings} (a config path, such as {@code jwt.user_id_upsert}, to its
     * value) changed. Each application reads its settings from system properties under a prefix of its
     * own, which stay set from its start to its stop: under the shared {@code dw.} prefix, one
     * instance's settings would configure every instance started after it.
     */
    static DropwizardAppExtension<KeygateConfiguration> application(TestDatabase database,
                                                                    IdentityProvider identityProvider,
                                                                    Map<String, String> settings) {
        String prefix = "keygate" + APPLICATIONS.incrementAndGet() + ".";
        Map<String, String> all = new LinkedHashMap<>();
        all.put("database.url", database.jdbcUrl());
        all.put("database.user", database.user());
        all.put("database.password", database.password());
        all.putAll(identityProvider.configSettings());
        all.putAll(settings);
        ConfigOverride[] overrides = all.entrySet().stream()
                .map(setting -> ConfigOverride.config(prefix, setting.getKey(), setting.getValue()))
                .toArray(ConfigOverride[]::new);
        return new DropwizardAppExtension<>(KeygateApplication.class,
                ResourceHelpers.resourceFilePath("behavior-config.yml"), prefix, overrides);
    }

    /**
     * A second instance on this server's database, configured the same but for {@code settings};
     * whoever starts it closes it. The harness's JDBC writes wait for it too while it runs.
     */
    KeygatePeer startPeer(Map<String, String> settings) {
        return KeygatePeer.start(database, identityProvider, db, cacheSyncs, settings);
    }

    /** Returns once every running instance has applied every change committed so far, by any of them. */
    void awaitCacheSyncs() {
        cacheSyncs.awaitAll();
    }

    IdentityProvider identityProvider() {
        return identityProvider;
    }

    Api api() {
        return api;
    }

    Db db() {
        return db;
    }

    /** Leaves this JVM's route coverage record for the gate, then stops everything. */
    @Override
    public void close() {
        try {
            RouteCoverageRecord.save(api);
        } finally {
            try {
                cacheSyncs.close();
                db.close();
                app.after();
            } finally {
                identityProvider.close();
                database.close();
            }
        }
    }

    private static void stopQuietly(DropwizardAppExtension<?> app) {
        try {
            app.after();
        } catch (RuntimeException e) {
            // Half-started: whatever did start is stopped; the boot failure is the error to report.
        }
    }
}
