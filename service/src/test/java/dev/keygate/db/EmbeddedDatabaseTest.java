package dev.keygate.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start finds in the data directory: a postmaster left running, or a pid file left behind.
 * Each test starts from a copy of one cluster made by {@link EmbeddedDatabase} itself (initdb with
 * production durability costs seconds of CPU; a copy of the stopped cluster, a fraction of one).
 */
@Order(1) // among the longest classes: started first (junit-platform.properties)
class EmbeddedDatabaseTest {

    @TempDir
    static Path initialized;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void initializeOneCluster() throws IOException {
        EmbeddedDatabase.start(initialized).stop();
    }

    @BeforeEach
    void copyTheCluster() throws IOException {
        try (Stream<Path> files = Files.walk(initialized)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = dataDir.resolve(initialized.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // Postgres refuses a data directory others may read.
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aRunningPostmasterLeftInTheDataDirectoryIsAdoptedAndStoppedByTheAdopter() throws Exception {
        // The postmaster of a Keygate killed with SIGKILL, left running (zonky's alone: no Keygate
        // watches it any more).
        EmbeddedPostgres orphan = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .start();
        String url = orphan.getJdbcUrl("postgres", "postgres");
        long postmaster = EmbeddedDatabase.Postmaster.recordedIn(dataDir).orElseThrow().process().pid();
        query(url, "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");

        EmbeddedDatabase second = EmbeddedDatabase.start(dataDir);

        assertThat(second.jdbcUrl()).isEqualTo(url);
        assertThat(EmbeddedDatabase.Postmaster.recordedIn(dataDir).orElseThrow().process().pid())
                .as("the same postmaster, not a new one").isEqualTo(postmaster);
        assertThat(query(second.jdbcUrl(), "SELECT id FROM survivor")).isEqualTo(42);

        second.stop();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                .as("the adopter stops what it adopted").isFalse();
    }

    @Test
    void everyCommitIsOnDiskBeforeItIsAcknowledged() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
        try {
            assertThat(text(database.jdbcUrl(), "SHOW fsync")).isEqualTo("on");
            assertThat(text(database.jdbcUrl(), "SHOW synchronous_commit")).isEqualTo("on");
        } finally {
            database.stop();
        }
    }

    @Test
    void aPostmasterThatStopsUnderARunningKeygateIsStartedAgainOnTheSamePort() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
        try {
            query(database.jdbcUrl(), "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
            ProcessHandle first = EmbeddedDatabase.Postmaster.recordedIn(dataDir).orElseThrow().process();

            first.destroy(); // SIGTERM: Postgres shuts down as if stopped by hand
            first.onExit().get(60, TimeUnit.SECONDS);

            // Polled without a tight limit: a slow machine only makes this take longer.
            int answer = -1;
            for (int i = 0; i < 1200 && answer != 42; i++) {
                try {
                    answer = query(database.jdbcUrl(), "SELECT id FROM survivor");
                } catch (SQLException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(answer).as("the same URL answers again, with the data").isEqualTo(42);
            assertThat(EmbeddedDatabase.Postmaster.recordedIn(dataDir).orElseThrow().process().pid())
                    .isNotEqualTo(first.pid());
        } finally {
            database.stop();
        }
        assertThat(EmbeddedDatabase.Postmaster.recordedIn(dataDir)).as("stopped on purpose: not started again")
                .isEmpty();
    }

    @Test
    void aPidFileNamingNoPostgresIsRemovedAndANewPostmasterStarted() throws Exception {
        EmbeddedDatabase.start(dataDir).stop();
        // A pid file left behind that names a process which is not Postgres (this JVM) on some port.
        Files.writeString(dataDir.resolve("postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + dataDir + "\n0\n1\n/tmp\nlocalhost\n0 0\nready\n");

        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
        try {
            assertThat(query(database.jdbcUrl(), "SELECT 7")).isEqualTo(7);
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        } finally {
            database.stop();
        }
    }

    private static String text(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return -1;
            }
            try (ResultSet rows = statement.getResultSet()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
