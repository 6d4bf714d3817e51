package dev.keygate.db;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres run by Keygate itself (zonky binaries) in a persistent data directory.
 *
 * <p>A JVM killed with SIGKILL leaves its postmaster running, orphaned, with {@code postmaster.pid}
 * still in the data directory. The next start adopts it when it is healthy: it serves this data
 * directory and answers a query. Stopping it and starting a new one would cost a shutdown
 * checkpoint and a start (2.4 s of a 8 s restart measured by {@code ci/bench.sh}) for the same
 * result. One that is not healthy is stopped, its pid file removed, and a new one started.
 */
public final class EmbeddedDatabase implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final String jdbcUrl;
    private final Stopper stopper;

    @FunctionalInterface
    private interface Stopper {
        void stop() throws IOException;
    }

    private EmbeddedDatabase(String jdbcUrl, Stopper stopper) {
        this.jdbcUrl = jdbcUrl;
        this.stopper = stopper;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            Optional<Postmaster> running = Postmaster.recordedIn(dataDirectory);
            if (running.isPresent()) {
                Optional<EmbeddedDatabase> adopted = adopt(running.get(), dataDirectory);
                if (adopted.isPresent()) {
                    return adopted.get();
                }
                LOG.warn("Stopping a postmaster (pid {}) left running by a previous Keygate: it does not answer",
                        running.get().process().pid());
                stop(running.get().process());
            }
            Files.deleteIfExists(dataDirectory.resolve(Postmaster.PID_FILE));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.info("Embedded Postgres started on port {} with data in {}", postgres.getPort(), dataDirectory);
            return new EmbeddedDatabase(postgres.getJdbcUrl("postgres", "postgres"), postgres::close);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Postgres in " + dataDirectory, e);
        }
    }

    private static Optional<EmbeddedDatabase> adopt(Postmaster postmaster, Path dataDirectory) {
        String url = "jdbc:postgresql://localhost:" + postmaster.port() + "/postgres?user=postgres";
        if (!postmaster.serves(dataDirectory) || !answers(url)) {
            return Optional.empty();
        }
        LOG.warn("Embedded Postgres left running by a previous Keygate (pid {}) adopted on port {} with data in {}",
                postmaster.process().pid(), postmaster.port(), dataDirectory);
        return Optional.of(new EmbeddedDatabase(url, () -> stop(postmaster.process())));
    }

    private static boolean answers(String url) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "5");
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void start() {
        // Started eagerly in start(Path): migrations need it before the server starts.
    }

    @Override
    public void stop() throws IOException {
        stopper.stop();
        LOG.info("Embedded Postgres stopped");
    }

    private static void stop(ProcessHandle postmaster) {
        // SIGTERM is Postgres' "smart" shutdown; it flushes and exits cleanly. SIGKILL only as a last resort.
        postmaster.destroy();
        if (!waitForExit(postmaster, Duration.ofSeconds(20))) {
            postmaster.destroyForcibly();
            waitForExit(postmaster, Duration.ofSeconds(10));
        }
    }

    /** A live postmaster as its pid file describes it: process, data directory, port. */
    record Postmaster(ProcessHandle process, String dataDirectory, int port) {

        static final String PID_FILE = "postmaster.pid";

        /** The postmaster the data directory's pid file names, when that process is alive and is Postgres. */
        static Optional<Postmaster> recordedIn(Path dataDirectory) throws IOException {
            Path pidFile = dataDirectory.resolve(PID_FILE);
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            // Lines: pid, data directory, start time, port, socket directory, ... (Postgres' postmaster.h).
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            try {
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(EmbeddedDatabase::isPostgres);
                int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : -1;
                String directory = lines.size() > 1 ? lines.get(1).trim() : "";
                return process.map(p -> new Postmaster(p, directory, port));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }

        boolean serves(Path directory) {
            try {
                return port > 0 && Files.isSameFile(Path.of(dataDirectory), directory);
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.isAlive()
                && process.info().command().map(command -> command.contains("postgres")).orElse(true);
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
