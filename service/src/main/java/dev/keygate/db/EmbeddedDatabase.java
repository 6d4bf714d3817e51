package dev.keygate.db;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres run by Keygate itself (zonky binaries) in a persistent data directory.
 *
 * <p>A JVM killed with SIGKILL leaves its postmaster running, orphaned, with {@code postmaster.pid}
 * still in the data directory; the next start would then fail. So before starting, a postmaster
 * recorded in the pid file that is still alive is stopped, and the stale pid file removed.
 */
public final class EmbeddedDatabase implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopStalePostmaster(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.info("Embedded Postgres started on port {} with data in {}", postgres.getPort(), dataDirectory);
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Postgres in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void start() {
        // Started eagerly in start(Path): migrations need it before the server starts.
    }

    @Override
    public void stop() throws IOException {
        postgres.close();
        LOG.info("Embedded Postgres stopped");
    }

    static void stopStalePostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> stale = readPid(pidFile).flatMap(ProcessHandle::of).filter(EmbeddedDatabase::isPostgres);
        if (stale.isPresent()) {
            ProcessHandle postmaster = stale.get();
            LOG.warn("Stopping a postmaster (pid {}) left running by a previous Keygate", postmaster.pid());
            // SIGTERM is Postgres' "smart" shutdown; it flushes and exits cleanly. SIGKILL only as a last resort.
            postmaster.destroy();
            if (!waitForExit(postmaster, Duration.ofSeconds(20))) {
                postmaster.destroyForcibly();
                waitForExit(postmaster, Duration.ofSeconds(10));
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
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
