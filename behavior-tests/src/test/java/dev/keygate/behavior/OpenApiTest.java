package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} is public and describes exactly what the server serves: every route of
 * {@code GET /routes}, with its method, and no other; it is the document committed as
 * {@code docs/openapi.json}; and it carries the error envelope and the credentials every protected
 * route takes.
 */
@BehaviorTest
class OpenApiTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void documentIsPublicOpenApi31200() {
        Response response = Keygate.api().get("/openapi.json", Credential.none()).assertStatus(200);

        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body().path("openapi").asText()).as("openapi of %s", response.request()).matches("3\\.1\\.\\d+");
        assertThat(response.body().path("paths").size()).isGreaterThan(10);
    }

    @Test
    void anUnknownKeyDoesNotTurnItInto401() {
        Keygate.api().get("/openapi.json", Credential.bearer("sk-unknown-" + Keys.randomHex(8))).assertStatus(200);
    }

    @Test
    void documentNamesEveryServedRouteAndNoOther() {
        Set<String> served = new TreeSet<>();
        for (JsonNode route : Keygate.api().get("/routes", Credential.none()).assertStatus(200).body().path("routes")) {
            served.add(route.path("method").asText() + " " + plain(route.path("path").asText()));
        }
        Set<String> described = new TreeSet<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                described.add(method.toUpperCase() + " " + path.getKey());
            }
        }));

        assertThat(served).as("routes GET /routes lists").contains("GET /openapi.json", "POST /key/generate");
        assertThat(described).as("operations of GET /openapi.json, against the routes GET /routes lists")
                .isEqualTo(served);
    }

    @Test
    void servedDocumentIsTheCommittedOne() throws IOException {
        JsonNode committed = new ObjectMapper().readTree(Files.readString(COMMITTED));
        assertThat(document())
                .as("GET /openapi.json against docs/openapi.json: regenerate it with mvn -B -q test -pl service"
                        + " -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dkeygate.openapi.write=true;"
                        + " when that changes nothing, a resource class is not registered in KeygateApplication")
                .isEqualTo(committed);
    }

    @Test
    void errorsAndCredentialsAreComponentsTheOperationsUse() {
        JsonNode document = document();
        JsonNode error = document.at("/components/responses/Error/content/application~1json/schema/$ref");
        assertThat(error.asText()).startsWith("#/components/schemas/");
        JsonNode envelope = document.at(error.asText().substring(1));
        assertThat(envelope.at("/properties/error").isObject()).as("the envelope's error object").isTrue();

        JsonNode generate = document.at("/paths/~1key~1generate/post");
        assertThat(generate.at("/responses/4XX/$ref").asText()).isEqualTo("#/components/responses/Error");
        assertThat(generate.at("/responses/5XX/$ref").asText()).isEqualTo("#/components/responses/Error");
        assertThat(generate.at("/responses/401/$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(generate.path("x-litellm-route").asText()).isEqualTo("POST /key/generate");

        Set<String> schemes = new TreeSet<>();
        document.at("/components/securitySchemes").fieldNames().forEachRemaining(schemes::add);
        Set<String> required = new TreeSet<>();
        document.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
        assertThat(schemes).contains("bearer_key", "litellm_api_key");
        assertThat(required).as("the document's security requirements").isEqualTo(schemes);
        assertThat(document.at("/paths/~1health~1liveliness/get/security").isEmpty())
                .as("a public route requires nothing").isTrue();
    }

    private static JsonNode document() {
        return Keygate.api().get("/openapi.json", Credential.none()).assertStatus(200).body();
    }

    /** A JAX-RS template as OpenAPI writes it: {@code /authz/{route: .*}} is {@code /authz/{route}}. */
    private static String plain(String template) {
        return template.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
    }
}
