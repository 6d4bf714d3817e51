package dev.keygate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.audit.AuditResource;
import dev.keygate.keys.KeyResource;
import dev.keygate.orgs.OrganizationResource;
import dev.keygate.routes.RoutesResource.Route;
import dev.keygate.teams.TeamResource;
import dev.keygate.users.UserResource;
import dev.keygate.verify.VerifyResource;
import io.dropwizard.jackson.Jackson;
import java.lang.reflect.Method;
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
    private static final List<Class<?>> RESOURCES = List.of(KeyResource.class, TeamResource.class,
            UserResource.class, OrganizationResource.class, VerifyResource.class, AuditResource.class);

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
