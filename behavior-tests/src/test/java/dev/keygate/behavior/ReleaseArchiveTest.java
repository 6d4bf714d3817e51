package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive works as docs/operations.md says: unpacked anywhere, {@code bin/keygate} finds
 * Java, refuses one older than 17, prints the version, migrates, and runs a Keygate that answers the
 * master key, on an embedded Postgres in the directory it is given. That Keygate runs with
 * {@code KEYGATE_LOG_FORMAT=json} (config.yml as shipped, so the switch itself is tested): the
 * {@code jsonLog} tests read its console, where every line is one JSON object, the request log's facts
 * are fields of their own (route template, status, latency, caller id), and no field holds a
 * credential: not the master key, not a key in the path, not a refused key. (One class, so one start.)
 */
class ReleaseArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The console is written by a background appender: a line shows a moment after its request. */
    private static final Duration LOG_DELAY = Duration.ofMinutes(1);

    private static ReleasedKeygate keygate;

    @BeforeAll
    static void startFromTheArchive() {
        keygate = ReleasedKeygate.start();
    }

    @AfterAll
    static void stop() {
        if (keygate != null) {
            keygate.close();
        }
    }

    @Test
    void archiveHoldsTheLauncherTheJarAndTheConfiguration() throws IOException {
        String top = "keygate-" + ReleasedKeygate.VERSION + "/";
        List<String> entries = ReleasedKeygate.run(List.of("tar", "-tzf", ReleasedKeygate.archive().toString()),
                keygate.home(), Map.of()).assertExitCode(0).out().lines().toList();

        assertThat(entries).as("entries of %s", ReleasedKeygate.archive())
                .allMatch(entry -> entry.startsWith(top))
                .contains(top + "bin/keygate", top + "lib/keygate.jar", top + "config.yml", top + "README.md");
        assertThat(keygate.home().resolve("bin/keygate")).isExecutable();
        assertThat(Files.readString(keygate.home().resolve("config.yml")))
                .as("the archive's config.yml is the repository's")
                .isEqualTo(Files.readString(Path.of("..", "config.yml")));
    }

    @Test
    void versionPrintsTheProjectVersion() {
        ReleasedKeygate.Run version = keygate.launcher("version").assertExitCode(0);

        assertThat(version.out().strip()).isEqualTo(ReleasedKeygate.VERSION);
    }

    @Test
    void helpNamesEveryCommand() {
        ReleasedKeygate.Run help = keygate.launcher("help").assertExitCode(0);

        assertThat(help.out()).contains("run [config.yml]", "migrate [config.yml]", "version", "help");
    }

    @Test
    void unknownCommandIsRefusedWithTheUsage() {
        ReleasedKeygate.Run unknown = keygate.launcher("serve").assertExitCode(2);

        assertThat(unknown.err()).contains("Usage: bin/keygate <command>");
    }

    /** A java that says it is 11 (a stand-in script: no Java 11 on this machine) is refused before it runs anything. */
    @Test
    void javaOlderThan17IsRefused(@TempDir Path oldJava) throws IOException {
        Path java = Files.createDirectories(oldJava.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> environment = keygate.environment();
        environment.put("JAVA_HOME", oldJava.toString());

        ReleasedKeygate.Run refused = keygate.launcher(environment, "version").assertExitCode(1);

        assertThat(refused.err()).contains("Keygate needs Java 17 or later", "11.0.22");
    }

    @Test
    void missingJavaHomeIsNamed(@TempDir Path empty) {
        Map<String, String> environment = keygate.environment();
        environment.put("JAVA_HOME", empty.toString());

        ReleasedKeygate.Run refused = keygate.launcher(environment, "version").assertExitCode(1);

        assertThat(refused.err()).contains("JAVA_HOME is " + empty);
    }

    /** The migration ran on the embedded Postgres in KEYGATE_DATA_DIR, which the server started after found. */
    @Test
    void migrateAppliedTheMigrationsIntoTheDataDirectory() {
        keygate.migrate().assertExitCode(0);

        assertThat(keygate.migrate().out()).contains("\"logger\":\"dev.keygate.db.Migrations\"");
        assertThat(Path.of(keygate.environment().get("KEYGATE_DATA_DIR"), "postgres", "PG_VERSION")).isRegularFile();
    }

    @Test
    void serverFromTheArchiveAnswersTheMasterKey() {
        Credential master = Credential.bearer(keygate.masterKey());
        String key = keygate.api().post("/key/generate", Map.of("key_alias", "from-the-archive"), master)
                .assertStatus(200).body().path("key").asText();

        Response info = keygate.api().get("/key/info", Credential.bearer(key)).assertStatus(200);

        assertThat(info.body().path("info").path("key_alias").asText()).isEqualTo("from-the-archive");
        keygate.api().get("/key/info", Credential.bearer("sk-not-a-key")).assertStatus(401);
    }

    @Test
    void jsonLogLinesHoldTheRouteTemplateAndNoSecret() {
        Credential master = Credential.bearer(keygate.masterKey());
        String key = keygate.api().post("/key/generate", Map.of("key_alias", "json-log"), master)
                .assertStatus(200).body().path("key").asText();
        String rotated = keygate.api().post("/key/" + key + "/regenerate", Map.of(), master)
                .assertStatus(200).body().path("key").asText();
        String refused = "sk-refused-" + Keys.randomHex(8);
        keygate.api().get("/key/info?key=" + rotated, Credential.bearer(refused)).assertStatus(401);

        JsonNode regenerate = awaitRequestLine(line -> line.path("route").asText().equals("/key/{key}/regenerate"));
        JsonNode unauthenticated = awaitRequestLine(
                line -> line.path("route").asText().equals("/key/info") && line.path("status").asText().equals("401"));

        assertThat(regenerate.path("method").asText()).isEqualTo("POST");
        assertThat(regenerate.path("status").asText()).isEqualTo("200");
        assertThat(regenerate.path("latency_ms").asText()).as("latency of %s", regenerate).matches("\\d+");
        assertThat(regenerate.path("caller").asText()).as("the master key's actor id").isEqualTo("master_key");
        assertThat(regenerate.path("level").asText()).isEqualTo("INFO");
        assertThat(regenerate.path("timestamp").asText()).isNotBlank();
        assertThat(unauthenticated.has("caller")).as("a refused credential names no caller: %s", unauthenticated)
                .isFalse();
        List<String> console = keygate.consoleLines();
        assertThat(console).as("console lines").allSatisfy(ReleaseArchiveTest::parse)
                .noneMatch(line -> line.contains(keygate.masterKey()) || line.contains(key) || line.contains(rotated)
                        || line.contains(refused) || line.contains("Bearer"));
        assertThat(keygate.stderr()).doesNotContain(key, rotated, refused, keygate.masterKey());
    }

    /** A key's own caller id is its user or its SHA-256 id, never the key. */
    @Test
    void jsonLogNamesAKeyCallerByItsIdNotItsSecret() {
        String key = keygate.api().post("/key/generate", Map.of("key_alias", "json-log-caller"),
                Credential.bearer(keygate.masterKey())).assertStatus(200).body().path("key").asText();
        String token = keygate.api().get("/key/info", Credential.bearer(key)).assertStatus(200)
                .body().path("key").asText();

        JsonNode line = awaitRequestLine(
                request -> request.path("route").asText().equals("/key/info") && request.path("caller").asText().equals(token));

        assertThat(line.path("status").asText()).isEqualTo("200");
        assertThat(keygate.consoleLines()).noneMatch(console -> console.contains(key));
    }

    private static JsonNode awaitRequestLine(Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plus(LOG_DELAY);
        while (true) {
            for (String line : keygate.consoleLines()) {
                JsonNode event = parse(line);
                if (event.path("logger").asText().equals("keygate.requests") && wanted.test(event)) {
                    return event;
                }
            }
            assertThat(Instant.now()).as("a request log line in the console:\n%s",
                    String.join("\n", keygate.consoleLines())).isBefore(deadline);
            ReleasedKeygate.sleep(Duration.ofMillis(100));
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as("a JSON object: %s", line).isTrue();
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
