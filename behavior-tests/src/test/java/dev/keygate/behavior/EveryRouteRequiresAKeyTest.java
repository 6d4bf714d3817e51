package dev.keygate.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every served route but the public ones answers 401 to a request without a key and to one with a
 * key nobody issued. The routes come from {@code GET /routes}, so a route added later is covered
 * without touching this test.
 */
@BehaviorTest
class EveryRouteRequiresAKeyTest {

    private static final Set<String> PUBLIC = Set.of("/health/liveliness", "/health/liveness", "/health/readiness", "/routes",
            "/openapi.json");

    static Stream<Arguments> protectedRoutes() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode route : Keygate.api().get("/routes", Credential.none()).assertStatus(200).body().path("routes")) {
            String path = route.path("path").asText();
            if (!PUBLIC.contains(path)) {
                String method = route.path("method").asText();
                String concrete = path.replaceAll("\\{[^}]+}", "sk-unknown-path-key");
                cases.add(Arguments.of(method + " " + path + " without a key", method, concrete, Credential.none()));
                cases.add(Arguments.of(method + " " + path + " with an unknown key", method, concrete,
                        Credential.bearer("sk-unknown-" + Keys.randomHex(8))));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> 401")
    @MethodSource("protectedRoutes")
    void answers401(String name, String method, String path, Credential credential) {
        Object body = method.equals("GET") ? null : Map.of();
        Keygate.api().send(method, path, body, credential).assertError(401);
    }
}
