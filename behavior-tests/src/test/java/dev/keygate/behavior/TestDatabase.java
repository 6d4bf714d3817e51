package dev.keygate.behavior;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Postgres a run uses, first match wins:
 * <ol>
 *   <li>{@code KEYGATE_TEST_DATABASE_URL} (+ {@code _USER}, {@code _PASSWORD}): a database someone
 *       runs for us (CI service container); never stopped by the harness.</li>
 *   <li>Testcontainers, when Docker answers.</li>
 *   <li>zonky embedded Postgres, which needs nothing installed (this machine has no Docker).</li>
 * </ol>
 */
final class TestDatabase implements AutoCloseable {

    private static final String CONTAINER_IMAGE = "postgres:18-alpine";

    private final String description;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final AutoCloseable stopper;

    private TestDatabase(String description, String jdbcUrl, String user, String password, AutoCloseable stopper) {
        this.description = description;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.stopper = stopper;
    }

    static TestDatabase start() {
        TestDatabase database = choose();
        System.out.println("[keygate-behavior] Postgres: " + database.description + " (" + database.jdbcUrl + ")");
        return database;
    }

    private static TestDatabase choose() {
        String url = System.getenv("KEYGATE_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase("external, from KEYGATE_TEST_DATABASE_URL", url,
                    envOrEmpty("KEYGATE_TEST_DATABASE_USER"), envOrEmpty("KEYGATE_TEST_DATABASE_PASSWORD"), () -> {});
        }
        // Returns false rather than throwing when there is no Docker, in about half a second.
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return startContainer();
        }
        return startEmbedded();
    }

    private static TestDatabase startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
        container.start();
        return new TestDatabase("Testcontainers " + CONTAINER_IMAGE, container.getJdbcUrl(),
                container.getUsername(), container.getPassword(), container::stop);
    }

    private static TestDatabase startEmbedded() {
        try {
            // A throwaway database: durability settings off, since every commit waiting for fsync
            // would dominate the suite's time.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new TestDatabase("embedded (zonky)", postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Postgres", e);
        }
    }

    private static String envOrEmpty(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            stopper.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + description, e);
        }
    }
}
