package dev.keygate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway Postgres for the whole test JVM, and a fresh, empty database in it for each test
 * class that asks ({@link #newDatabase()}).
 *
 * <p>initdb and a Postgres start cost seconds of CPU each on a two-core machine, and the service's
 * test classes run concurrently: one server, started by the first class that needs it, with a
 * database per class costs one start and a {@code CREATE DATABASE} each. Classes still see nothing of
 * each other: rows, LISTEN/NOTIFY and advisory locks are per database. What a test looks at
 * server-wide ({@code pg_stat_activity}, {@code pg_terminate_backend}) it narrows to
 * {@code current_database()}.
 *
 * <p>Durability is off, as in the behavior harness: nothing here outlives the run, and every commit
 * waiting for fsync would dominate the tests' time. zonky stops the server and removes its directory
 * from a shutdown hook of its own. {@code dev.keygate.db.EmbeddedDatabase}, Keygate's own embedded
 * Postgres with production durability, is tested by {@code EmbeddedDatabaseTest} alone.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** A database of its own for the caller, empty (no migration run); {@link Database#close()} drops it. */
    public static Database newDatabase() {
        String name = "kg_" + DATABASES.incrementAndGet();
        EmbeddedPostgres postgres = server();
        execute(postgres, "CREATE DATABASE " + name);
        return new Database(postgres, name, postgres.getJdbcUrl("postgres", name));
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the tests' embedded Postgres", e);
            }
        }
        return server;
    }

    private static void execute(EmbeddedPostgres postgres, String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed on the tests' Postgres: " + sql, e);
        }
    }

    /** One test class's database, by its JDBC URL (user postgres, no password). */
    public static final class Database implements AutoCloseable {

        private final EmbeddedPostgres server;
        private final String name;
        private final String jdbcUrl;

        private Database(EmbeddedPostgres server, String name, String jdbcUrl) {
            this.server = server;
            this.name = name;
            this.jdbcUrl = jdbcUrl;
        }

        public String jdbcUrl() {
            return jdbcUrl;
        }

        /** Drops the database, ending the connections a class left open (FORCE) rather than failing on them. */
        @Override
        public void close() {
            execute(server, "DROP DATABASE " + name + " WITH (FORCE)");
        }
    }
}
