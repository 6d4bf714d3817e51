package dev.keygate.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start finds in the data directory: a postmaster left running, or a pid file left behind. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aRunningPostmasterLeftInTheDataDirectoryIsAdoptedAndStoppedByTheAdopter() throws Exception {
        // The first start plays the Keygate killed with SIGKILL: its postmaster is left running.
        EmbeddedDatabase first = EmbeddedDatabase.start(dataDir);
        long postmaster = EmbeddedDatabase.Postmaster.recordedIn(dataDir).orElseThrow().process().pid();
        query(first.jdbcUrl(), "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");

        EmbeddedDatabase second = EmbeddedDatabase.start(dataDir);

        assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
        assertThat(EmbeddedDatabase.Postmaster.recordedIn(dataDir).orElseThrow().process().pid())
                .as("the same postmaster, not a new one").isEqualTo(postmaster);
        assertThat(query(second.jdbcUrl(), "SELECT id FROM survivor")).isEqualTo(42);

        second.stop();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                .as("the adopter stops what it adopted").isFalse();
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
