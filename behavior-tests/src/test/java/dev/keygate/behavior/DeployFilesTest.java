package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The files in deploy/ name what Keygate really is: the jar the build makes (the one in the release
 * archive), the ports config.yml opens, environment variables config.yml reads, and health routes the
 * server serves (called here). Each is read from its source, so a change on either side fails here.
 * No container engine runs on these machines: the files are checked, not run.
 */
@BehaviorTest
class DeployFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final YAMLMapper YAML = new YAMLMapper();
    /** {@code ${NAME:-default}} in config.yml. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}");
    private static final Pattern LOCAL_URL = Pattern.compile("http://localhost:(\\d+)(/\\S*)");

    @Test
    void dockerfileCopiesTheBuiltJarAndOpensTheConfiguredPorts() throws IOException {
        Map<String, List<String>> docker = dockerfile();

        assertThat(docker.get("FROM")).singleElement().asString().startsWith("eclipse-temurin:17-jre");
        List<String> copied = words(docker.get("COPY").get(0));
        String jar = jarOfTheDockerfile();
        assertThat(ROOT.resolve(jar)).as("the jar the Dockerfile copies, built by mvn package").isRegularFile();
        assertThat(Path.of(jar).getFileName().toString()).as("the jar of the release archive")
                .isEqualTo(archiveJarName());
        assertThat(copied).contains("config.yml");
        assertThat(docker.get("ENTRYPOINT").get(0)).contains("\"" + Path.of(jar).getFileName() + "\"");
        assertThat(ports(words(docker.get("EXPOSE").get(0)))).isEqualTo(Set.of(apiPort(), adminPort()));
        assertThat(docker.get("USER")).singleElement().isNotIn("root", "0");
        Map<String, String> environment = docker.get("ENV").stream().map(env -> env.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        assertThat(configVariables()).containsAll(environment.keySet());
        assertThat(docker.get("VOLUME")).as("the data volume is KEYGATE_DATA_DIR")
                .containsExactly(environment.get("KEYGATE_DATA_DIR"));
        assertProbesReadiness(docker.get("HEALTHCHECK").get(0));
    }

    @Test
    void composeRunsKeygateWithPostgresAndRedis() throws IOException {
        JsonNode services = YAML.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile()).path("services");
        JsonNode keygate = services.path("keygate");

        Path context = ROOT.resolve("deploy").resolve(keygate.path("build").path("context").asText());
        assertThat(Files.isSameFile(context.resolve(keygate.path("build").path("dockerfile").asText()),
                ROOT.resolve("deploy/Dockerfile"))).as("compose builds deploy/Dockerfile").isTrue();
        assertThat(context.resolve(jarOfTheDockerfile())).as("the jar, from the build context").isRegularFile();
        Set<Integer> containerPorts = stream(keygate.path("ports"))
                .map(mapping -> Integer.parseInt(mapping.asText().substring(mapping.asText().lastIndexOf(':') + 1)))
                .collect(Collectors.toSet());
        assertThat(containerPorts).isEqualTo(Set.of(apiPort(), adminPort()));
        Map<String, String> environment = new HashMap<>();
        keygate.path("environment").fields().forEachRemaining(env -> environment.put(env.getKey(), env.getValue().asText()));
        assertThat(configVariables()).containsAll(environment.keySet());
        assertThat(image(services, URI.create(environment.get("DATABASE_URL")).getHost())).startsWith("postgres:");
        assertThat(image(services, URI.create(environment.get("REDIS_URL")).getHost())).startsWith("redis:");
        assertProbesReadiness(String.join(" ", stream(keygate.path("healthcheck").path("test")).map(JsonNode::asText).toList()));
    }

    @Test
    void kubernetesProbesTheHealthRoutesOnTheApiPort() throws IOException {
        List<JsonNode> documents;
        try (MappingIterator<JsonNode> read = YAML.readerFor(JsonNode.class).readValues(ROOT.resolve("deploy/kubernetes.yaml").toFile())) {
            documents = read.readAll();
        }
        JsonNode deployment = kind(documents, "Deployment");
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, Integer> namedPorts = new HashMap<>();
        stream(container.path("ports")).forEach(port -> namedPorts.put(port.path("name").asText(), port.path("containerPort").asInt()));

        assertThat(Set.copyOf(namedPorts.values())).isEqualTo(Set.of(apiPort(), adminPort()));
        assertThat(configVariables()).containsAll(stream(container.path("env")).map(env -> env.path("name").asText()).toList());
        JsonNode readiness = container.path("readinessProbe").path("httpGet");
        assertThat(port(readiness.path("port"), namedPorts)).isEqualTo(apiPort());
        assertReadiness(readiness.path("path").asText());
        JsonNode liveness = container.path("livenessProbe").path("httpGet");
        assertThat(port(liveness.path("port"), namedPorts)).isEqualTo(apiPort());
        Keygate.api().get(liveness.path("path").asText(), Credential.none()).assertStatus(200);
        JsonNode service = kind(documents, "Service").path("spec").path("ports").get(0);
        assertThat(port(service.path("targetPort"), namedPorts)).isEqualTo(apiPort());
    }

    /** A health check command calls a readiness route of the API port on localhost. */
    private static void assertProbesReadiness(String command) {
        Matcher url = LOCAL_URL.matcher(command);
        assertThat(url.find()).as("a http://localhost URL in %s", command).isTrue();
        assertThat(Integer.parseInt(url.group(1))).as("the port of %s", command).isEqualTo(apiPort());
        assertReadiness(url.group(2));
    }

    /** A served route that answers only with the database reachable: a readiness route. */
    private static void assertReadiness(String path) {
        Response answer = Keygate.api().get(path, Credential.none()).assertStatus(200);
        assertThat(answer.body().path("db").asText()).as("%s reports the database", answer).isEqualTo("connected");
    }

    /** The Dockerfile's instructions (continuation lines joined, comments dropped) by name, in order. */
    private static Map<String, List<String>> dockerfile() throws IOException {
        String text = Files.readString(ROOT.resolve("deploy/Dockerfile"))
                .lines().filter(line -> !line.strip().startsWith("#")).collect(Collectors.joining("\n"))
                .replace("\\\n", " ");
        Map<String, List<String>> instructions = new HashMap<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] parts = line.split("\\s+", 2);
            instructions.computeIfAbsent(parts[0], name -> new ArrayList<>()).add(parts.length > 1 ? parts[1] : "");
        });
        return instructions;
    }

    /** The jar the Dockerfile copies, relative to its build context (the repository's root). */
    private static String jarOfTheDockerfile() throws IOException {
        return words(dockerfile().get("COPY").get(0)).stream().filter(source -> source.endsWith(".jar")).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile copies no jar"));
    }

    /** The jar's file name in the release archive (its lib/). */
    private static String archiveJarName() {
        List<String> jars = ReleasedKeygate.run(List.of("tar", "-tzf", ReleasedKeygate.archive().toString()), ROOT,
                Map.of()).assertExitCode(0).out().lines().filter(entry -> entry.endsWith(".jar")).toList();
        assertThat(jars).as("jars in the release archive").hasSize(1);
        return Path.of(jars.get(0)).getFileName().toString();
    }

    private static int apiPort() {
        return configuredPort("applicationConnectors");
    }

    private static int adminPort() {
        return configuredPort("adminConnectors");
    }

    /** The port config.yml opens when no variable overrides it (the default of {@code ${PORT:-4000}}). */
    private static int configuredPort(String connectors) {
        try {
            return YAML.readTree(configWithoutVariables()).path("server").path(connectors).get(0).path("port").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** config.yml as Keygate reads it with none of its variables set: each replaced by its default. */
    private static String configWithoutVariables() throws IOException {
        return VARIABLE.matcher(Files.readString(ROOT.resolve("config.yml")))
                .replaceAll(variable -> Matcher.quoteReplacement(variable.group(2) == null ? "" : variable.group(2)));
    }

    /** Every environment variable config.yml reads. */
    private static Set<String> configVariables() throws IOException {
        Matcher variables = VARIABLE.matcher(Files.readString(ROOT.resolve("config.yml")));
        Set<String> names = new LinkedHashSet<>();
        while (variables.find()) {
            names.add(variables.group(1));
        }
        return names;
    }

    private static Set<Integer> ports(List<String> words) {
        return words.stream().map(Integer::parseInt).collect(Collectors.toSet());
    }

    private static int port(JsonNode port, Map<String, Integer> named) {
        return port.isInt() ? port.asInt() : named.get(port.asText());
    }

    private static String image(JsonNode services, String service) {
        return services.path(service).path("image").asText();
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(document -> document.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/kubernetes.yaml"));
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
