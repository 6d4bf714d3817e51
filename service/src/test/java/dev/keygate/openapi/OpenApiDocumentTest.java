package dev.keygate.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document read from every resource class of the service, as the build writes it
 * ({@code service/target/openapi.json}): the committed {@code docs/openapi.json} must be that
 * document, and the document must carry what its readers rely on. The behavior harness checks the
 * running server's document against the routes it serves.
 */
@Order(3) // among the longest classes: started first (junit-platform.properties)
class OpenApiDocumentTest {

    private static final java.nio.file.Path COMMITTED = java.nio.file.Path.of("..", "docs", "openapi.json");
    private static final java.nio.file.Path BUILT = java.nio.file.Path.of("target", "openapi.json");
    /** Set (-Dkeygate.openapi.write=true) to write docs/openapi.json instead of checking it. */
    private static final String WRITE = "keygate.openapi.write";
    private static final String REGENERATE = "mvn -B -q test -pl service -Dtest=OpenApiDocumentTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true";

    /** Scanned once: each scan reads every class file of the service. */
    private static List<Class<?>> resources;
    private static String json;
    private static JsonNode document;

    @BeforeAll
    static void build() throws IOException {
        resources = scanResources();
        json = OpenApiDocument.json(resources);
        Files.writeString(BUILT, json);
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(COMMITTED, json);
        }
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void committedDocumentIsWhatTheResourcesDescribe() throws IOException {
        assertThat(Files.exists(COMMITTED)).as("docs/openapi.json exists; write it with: %s", REGENERATE).isTrue();
        assertThat(Files.readString(COMMITTED))
                .as("docs/openapi.json is stale (the resources changed); regenerate it with: %s", REGENERATE)
                .isEqualTo(json);
    }

    @Test
    void sameResourcesGiveTheSameBytes() {
        List<Class<?>> reversed = new ArrayList<>(resources);
        java.util.Collections.reverse(reversed);
        assertThat(OpenApiDocument.json(reversed)).isEqualTo(json);
    }

    @Test
    void isOpenApi31() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Keygate");
    }

    @Test
    void everyOperationNamesItsLiteLlmCounterpart() {
        List<String> missing = new ArrayList<>();
        operations().forEach(operation -> {
            JsonNode counterpart = operation.node().path(OpenApiDocument.LITELLM_ROUTE);
            if (!counterpart.isTextual() || !counterpart.asText().matches("[A-Z]+ /.*|" + OpenApiDocument.KEYGATE_ONLY)) {
                missing.add(operation.name());
            }
        });
        assertThat(missing).as("operations without a LiteLLM counterpart").isEmpty();
        assertThat(operation("post", "/key/generate").path(OpenApiDocument.LITELLM_ROUTE).asText())
                .isEqualTo("POST /key/generate");
        assertThat(operation("post", "/key/verify").path(OpenApiDocument.LITELLM_ROUTE).asText())
                .isEqualTo(OpenApiDocument.KEYGATE_ONLY);
    }

    @Test
    void operationIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        operations().forEach(operation -> assertThat(ids.add(operation.node().path("operationId").asText()))
                .as("operationId of %s is unique", operation.name()).isTrue());
    }

    @Test
    void everyErrorIsTheEnvelope() {
        JsonNode envelope = document.at("/components/schemas/" + OpenApiDocument.ERROR_SCHEMA);
        assertThat(envelope.at("/properties/error/$ref").asText()).isEqualTo("#/components/schemas/ErrorBody.Detail");
        assertThat(fieldNames(document.at("/components/schemas/ErrorBody.Detail/properties")))
                .containsExactlyInAnyOrder("message", "type", "param", "code");
        for (String response : List.of("Error", "Unauthorized", "Forbidden")) {
            assertThat(document.at("/components/responses/" + response + "/content/application~1json/schema/$ref").asText())
                    .isEqualTo("#/components/schemas/" + OpenApiDocument.ERROR_SCHEMA);
        }
        operations().forEach(operation -> {
            JsonNode responses = operation.node().path("responses");
            assertThat(responses.at("/4XX/$ref").asText()).as("4XX of %s", operation.name())
                    .isEqualTo("#/components/responses/Error");
            assertThat(responses.at("/5XX/$ref").asText()).as("5XX of %s", operation.name())
                    .isEqualTo("#/components/responses/Error");
        });
    }

    @Test
    void credentialsAreTheSchemesKeygateReads() {
        JsonNode schemes = document.at("/components/securitySchemes");
        assertThat(schemes.at("/bearer_key/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/bearer_jwt/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(schemes.at("/litellm_api_key/name").asText()).isEqualTo("x-litellm-api-key");
        Set<String> required = new TreeSet<>();
        document.path("security").forEach(requirement -> required.addAll(fieldNames(requirement)));
        assertThat(required).isEqualTo(fieldNames(schemes));
    }

    @Test
    void publicRoutesNeedNoCredentialAndTheOthersSayWhatRefusalLooksLike() {
        assertThat(operation("get", "/health/liveliness").path("security").isEmpty()).isTrue();
        assertThat(operation("get", "/openapi.json").path("security").isArray()).isTrue();
        assertThat(operation("get", "/routes").path("security").isArray()).isTrue();
        JsonNode generate = operation("post", "/key/generate");
        assertThat(generate.has("security")).as("the document's security applies").isFalse();
        assertThat(generate.at("/responses/401/$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(generate.at("/responses/403/$ref").asText()).isEqualTo("#/components/responses/Forbidden");
    }

    @Test
    void publicResourcesTakeNoCaller() {
        for (Class<?> resource : resources) {
            if (resource.isAnnotationPresent(PublicRoute.class)) {
                for (Method method : resource.getDeclaredMethods()) {
                    assertThat(Arrays.stream(method.getParameters()).noneMatch(OpenApiDocumentTest::isCaller))
                            .as("%s.%s is public, yet takes an @Auth caller", resource.getSimpleName(), method.getName())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void keyTeamUserAndOrganizationWritesCarryTheirSchemas() {
        operations().filter(operation -> operation.path().matches("/(v2/)?(key|team|user|organization)/.*")
                && !operation.method().equals("get") && !operation.path().equals("/key/verify")).forEach(operation -> {
            assertThat(resolves(operation.node().at("/requestBody/content/application~1json/schema/$ref")))
                    .as("request body schema of %s", operation.name()).isTrue();
            assertThat(resolves(operation.node().at("/responses/200/content/application~1json/schema/$ref")))
                    .as("answer schema of %s", operation.name()).isTrue();
        });
        JsonNode generate = document.at("/components/schemas/GenerateKeyRequest/properties");
        assertThat(fieldNames(generate)).contains("key_alias", "max_budget", "models", "team_id", "duration");
        assertThat(fieldNames(document.at("/components/schemas/GeneratedKeyResponse/properties")))
                .contains("key", "token", "token_id", "key_name", "expires");
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        collectDangling(document, dangling);
        assertThat(dangling).as("$refs naming no component").isEmpty();
    }

    /** Every resource class the service declares ({@code @Path}), from its own classes, not the tests'. */
    private static List<Class<?>> scanResources() {
        ClassGraph serviceClasses = new ClassGraph().enableAnnotationInfo()
                .overrideClasspath(OpenApiDocument.class.getProtectionDomain().getCodeSource().getLocation());
        try (ScanResult scan = serviceClasses.scan()) {
            // Loaded by name, through this class loader: the classes the application itself uses.
            return scan.getClassesWithAnnotation(Path.class).getNames().stream().<Class<?>>map(name -> {
                try {
                    return Class.forName(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private record Operation(String method, String path, JsonNode node) {
        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static java.util.stream.Stream<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                method -> operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()))));
        assertThat(operations).hasSizeGreaterThan(50);
        return operations.stream();
    }

    private static JsonNode operation(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isObject()).as("%s %s in the document", method, path).isTrue();
        return operation;
    }

    private static boolean isCaller(Parameter parameter) {
        return parameter.isAnnotationPresent(Auth.class);
    }

    private static boolean resolves(JsonNode ref) {
        return ref.isTextual() && ref.asText().startsWith("#/") && !document.at(ref.asText().substring(1)).isMissingNode();
    }

    private static void collectDangling(JsonNode node, List<String> dangling) {
        if (node.has("$ref") && !resolves(node.get("$ref"))) {
            dangling.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectDangling(child, dangling));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
