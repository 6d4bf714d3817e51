package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The coverage gate: every route the server lists in {@code GET /routes} was called by at least one
 * scenario of this run. Runs last (junit-platform.properties orders classes by {@link Order}).
 */
@BehaviorTest
@Order(Integer.MAX_VALUE)
class RouteCoverageTest {

    @Test
    void everyServedRouteIsExercised() {
        Response routes = Keygate.api().get("/routes", Credential.none());
        routes.assertStatus(200);
        Set<String> exercised = Api.exercised();
        List<String> missing = new ArrayList<>();
        for (JsonNode route : routes.body().path("routes")) {
            String method = route.path("method").asText();
            String template = route.path("path").asText();
            Pattern concrete = Pattern.compile(Pattern.quote(method + " ")
                    + Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            if (exercised.stream().noneMatch(call -> concrete.matcher(call).matches())) {
                missing.add(method + " " + template);
            }
        }
        assertThat(routes.body().path("routes").size()).isGreaterThan(10);
        assertThat(missing).as("routes no scenario exercised").isEmpty();
    }
}
