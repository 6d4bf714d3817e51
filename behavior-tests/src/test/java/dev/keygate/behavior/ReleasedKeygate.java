package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keygate as an operator runs it from the release archive: {@code keygate-<version>.tar.gz}, built by
 * the service module's {@code package} phase, unpacked into a temporary directory; {@code bin/keygate
 * migrate}, then {@code bin/keygate run} in a process of its own on free ports, its embedded Postgres
 * in the temporary directory ({@code KEYGATE_DATA_DIR}), logging JSON ({@code KEYGATE_LOG_FORMAT=json})
 * to a console file the tests read. Closing stops the process (its shutdown stops Postgres) and
 * deletes the directory.
 */
final class ReleasedKeygate implements AutoCloseable {

    /** The project's version, from Maven (behavior-tests/pom.xml). */
    static final String VERSION = System.getProperty("keygate.version");
    /** A first start on two busy cores: initdb, the JVM, the migrations. Generous on purpose. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Path directory;
    private final Path home;
    private final String masterKey;
    private Run migrate;
    private Process server;
    private Api api;

    private ReleasedKeygate(Path directory, Path home, String masterKey) {
        this.directory = directory;
        this.home = home;
        this.masterKey = masterKey;
    }

    /** The archive the build made: {@code service/target/keygate-<version>.tar.gz}. */
    static Path archive() {
        assertThat(VERSION).as("system property keygate.version (set by behavior-tests/pom.xml)").isNotBlank();
        return Path.of("..", "service", "target", "keygate-" + VERSION + ".tar.gz").toAbsolutePath().normalize();
    }

    static ReleasedKeygate start() {
        Path archive = archive();
        assertThat(archive).as("the release archive (built by mvn package)").isRegularFile();
        Path directory;
        try {
            directory = Files.createTempDirectory("keygate-release-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReleasedKeygate keygate = new ReleasedKeygate(directory, directory.resolve("keygate-" + VERSION),
                "sk-release-" + Keys.randomHex(16));
        try {
            run(List.of("tar", "-xzf", archive.toString(), "-C", directory.toString()), directory, Map.of())
                    .assertExitCode(0);
            keygate.migrate = keygate.launcher("migrate");
            keygate.startServer();
            return keygate;
        } catch (IOException e) {
            keygate.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            keygate.close();
            throw e;
        }
    }

    private void startServer() throws IOException {
        int port = freePort();
        int adminPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/keygate").toString(), "run")
                .directory(directory.toFile())
                .redirectOutput(console().toFile())
                .redirectError(directory.resolve("stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("ADMIN_PORT", Integer.toString(adminPort));
        server = builder.start();
        api = new Api(port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!ready()) {
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Keygate from the release archive did not become ready: "
                        + (server.isAlive() ? "no answer in " + START_TIMEOUT : "it exited") + "\n"
                        + String.join("\n", consoleLines()) + "\n" + stderr());
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private boolean ready() {
        try {
            return api.get("/health/readiness", Credential.none()).status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /**
     * What the launcher runs with: this JVM's Java (17+) as JAVA_HOME, data in the temporary directory,
     * JSON logs, a known master key, and nothing of the machine's Keygate settings.
     */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("KEYGATE_") || name.startsWith("DATABASE_")
                || name.startsWith("REDIS_") || name.equals("PORT") || name.equals("ADMIN_PORT"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // As the test JVMs run (the surefire configuration): less CPU on a two-core machine.
        environment.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        environment.put("KEYGATE_DATA_DIR", directory.resolve("data").toString());
        environment.put("KEYGATE_LOG_FORMAT", "json");
        environment.put("KEYGATE_MASTER_KEY", masterKey);
        return environment;
    }

    /** {@code bin/keygate <arguments>} run to its end with {@link #environment()}. */
    Run launcher(String... arguments) {
        return launcher(environment(), arguments);
    }

    Run launcher(Map<String, String> environment, String... arguments) {
        List<String> command = Stream.concat(Stream.of(home.resolve("bin/keygate").toString()), Stream.of(arguments))
                .toList();
        return run(command, directory, environment);
    }

    /** Runs a command to its end, its output in files (a full pipe would block it). */
    static Run run(List<String> command, Path directory, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile(directory, "out-", ".log");
            Path err = Files.createTempFile(directory, "err-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (!environment.isEmpty()) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end in " + COMMAND_TIMEOUT);
            }
            return new Run(command, process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The unpacked archive: {@code keygate-<version>/}. */
    Path home() {
        return home;
    }

    Api api() {
        return api;
    }

    String masterKey() {
        return masterKey;
    }

    /** {@code bin/keygate migrate}, run before the server started. */
    Run migrate() {
        return migrate;
    }

    /** Every line the server has written to its console so far. */
    List<String> consoleLines() {
        try {
            return Files.readAllLines(console(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stderr() {
        try {
            return Files.readString(directory.resolve("stderr.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path console() {
        return directory.resolve("console.log");
    }

    /** Stops the server as an operator would (SIGTERM: Dropwizard stops Jetty, then Postgres), then deletes everything. */
    @Override
    public void close() {
        try {
            if (server != null && server.isAlive()) {
                server.destroy();
                if (!server.waitFor(2, TimeUnit.MINUTES)) {
                    server.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(directory);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no test failure.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A command that ran to its end. */
    record Run(List<String> command, int exitCode, String out, String err) {

        Run assertExitCode(int expected) {
            assertThat(exitCode).as("exit code of %s\nstdout: %s\nstderr: %s", command, out, err).isEqualTo(expected);
            return this;
        }
    }
}
