package dev.keygate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.routes.RoutesResource.Route;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every body field LiteLLM declares on a route Keygate serves is one of: modelled by the route's body
 * type (acted on), ignored on purpose, or refused; so a field added to the LiteLLM lists is a
 * decision someone made, not a silent default.
 */
class LiteLlmFieldClassificationTest {

    private static final ObjectMapper MAPPER = Jackson.newObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Every resource class Keygate has: the {@code @Path} classes among its compiled classes. */
    private static final List<Class<?>> RESOURCES = resourceClasses();
    private static final Path FIELDS_DOC = Path.of("..", "docs", "litellm-fields.md");

    @Test
    void everyDeclaredFieldIsModelledIgnoredOrRefused() {
        LiteLlmRequestFields litellm = LiteLlmRequestFields.load(MAPPER);
        Map<String, Set<String>> unclassified = new TreeMap<>();
        forEachBody((route, method, body) -> {
            for (String field : litellm.unmodelled(route, MAPPER.constructType(body.getParameterizedType()), MAPPER)) {
                if (!litellm.isIgnored(field) && litellm.whyUnsupported(field) == null) {
                    unclassified.computeIfAbsent(route.toString(), r -> new TreeSet<>()).add(field);
                }
            }
        });

        assertThat(unclassified).withFailMessage("LiteLLM fields neither modelled, ignored nor refused "
                + "(classify each in litellm/ignored-fields.json or litellm/unsupported-fields.json): %s",
                unclassified.toString()).isEmpty();
    }

    /**
     * docs/litellm-fields.md is this classification, route by route, rendered from the same data: a
     * field moved between the lists, or a route's body type changed, shows up there. On a mismatch
     * the expected page is written to target/litellm-fields.md.
     */
    @Test
    void docsListEachRoutesFields() throws IOException {
        LiteLlmRequestFields litellm = LiteLlmRequestFields.load(MAPPER);
        Map<String, String> sections = new TreeMap<>();
        forEachBody((route, method, body) -> {
            Set<String> declared = litellm.declaredFor(route.toString());
            if (declared.isEmpty()) {
                return;
            }
            Set<String> unmodelled = litellm.unmodelled(route, MAPPER.constructType(body.getParameterizedType()), MAPPER);
            Set<String> actedOn = new TreeSet<>(declared);
            actedOn.removeAll(unmodelled);
            Set<String> ignored = new TreeSet<>();
            Set<String> refused = new TreeSet<>();
            unmodelled.forEach(field -> (litellm.isIgnored(field) ? ignored : refused).add(field));
            Set<String> stored = new TreeSet<>(declared);
            stored.removeIf(field -> !LiteLlmMetadataFields.isStoredOn(route.toString(), field));
            sections.put(route.path() + " " + route.method(), "### `" + route + "`\n\n"
                    + "- Acted on: " + list(actedOn) + "\n"
                    + "- Ignored (named in `x-keygate-ignored-fields`): " + list(ignored) + "\n"
                    + "- Refused when set (422): " + list(refused) + "\n"
                    + (stored.isEmpty() ? "" : "- Kept in `metadata` as well, as LiteLLM keeps them: " + list(stored)
                    + "\n"));
        });
        String expected = Files.readString(FIELDS_DOC).replaceAll("(?s)(<!-- routes -->\n).*", "$1")
                + String.join("\n", sections.values());
        if (!expected.equals(Files.readString(FIELDS_DOC))) {
            Files.writeString(Path.of("target", "litellm-fields.md"), expected);
        }

        assertThat(Files.readString(FIELDS_DOC)).as("docs/litellm-fields.md (expected: service/target/litellm-fields.md)")
                .isEqualTo(expected);
    }

    private static String list(Set<String> fields) {
        return fields.isEmpty() ? "none" : String.join(", ", fields.stream().map(f -> "`" + f + "`").toList());
    }

    private static List<Class<?>> resourceClasses() {
        try {
            Path classes = Path.of(LiteLlmRequestFields.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Class<?>> resources = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name, false, LiteLlmRequestFields.class.getClassLoader());
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        resources.add(type);
                    }
                }
            }
            return resources;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("Could not list Keygate's resources", e);
        }
    }

    /** The body: the one parameter JAX-RS and dropwizard-auth do not fill from elsewhere. */
    private static boolean isEntity(Parameter parameter) {
        for (var annotation : parameter.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("jakarta.ws.rs.") || name.equals("io.dropwizard.auth.Auth")) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    interface BodyVisitor {
        void visit(Route route, Method method, Parameter body);
    }

    /** Each route that reads a JSON body, with the parameter it reads it into. */
    static void forEachBody(BodyVisitor visitor) {
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                Route route = Route.of(resource, method);
                if (route == null) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (isEntity(parameter)) {
                        visitor.visit(route, method, parameter);
                    }
                }
            }
        }
    }
}
