package dev.keygate.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the scenarios of one test JVM exercised, kept for the route-coverage gate. Surefire runs the
 * scenarios in several JVMs at once (forks, each with its own Keygate), so no JVM sees the whole
 * run: each writes, when its Keygate stops, the routes its server lists and the calls its scenarios
 * made, to a file of its own in the directory {@value #DIRECTORY_PROPERTY} names (behavior-tests'
 * pom sets it, and empties it before every run). {@link RouteCoverageTest} reads them all in a
 * surefire execution of its own, after every scenario.
 */
final class RouteCoverageRecord {

    static final String DIRECTORY_PROPERTY = "keygate.route-coverage.dir";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One JVM's record: "METHOD /template" of every served route, "METHOD /path" of every call past authentication. */
    record Fork(Set<String> served, Set<String> exercised) {}

    private RouteCoverageRecord() {}

    /** Writes this JVM's record; does nothing when no directory is set (a run outside Maven has no gate). */
    static void save(Api api) {
        Path directory = directory();
        if (directory == null) {
            return;
        }
        // Before asking for /routes: the gate counts what scenarios called, not this request.
        Set<String> exercised = new TreeSet<>(Api.exercised());
        Response routes = api.get("/routes", Credential.none()).assertStatus(200);
        Set<String> served = new TreeSet<>();
        for (JsonNode route : routes.body().path("routes")) {
            served.add(route.path("method").asText() + " " + route.path("path").asText());
        }
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve(UUID.randomUUID() + ".json").toFile(), new Fork(served, exercised));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the route coverage record to " + directory, e);
        }
    }

    /** Every record of the run, one per JVM that ran scenarios. */
    static List<Fork> loadAll() {
        Path directory = directory();
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<Fork> forks = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                forks.add(JSON.readValue(file.toFile(), Fork.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the route coverage records in " + directory, e);
        }
        return forks;
    }

    static Path directory() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        return directory == null || directory.isBlank() ? null : Path.of(directory);
    }
}
