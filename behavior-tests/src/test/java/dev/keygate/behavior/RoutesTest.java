package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /routes} is public and lists every served route as {method, path}, itself included. */
@BehaviorTest
class RoutesTest {

    @Test
    void routesArePublicAndListed200() {
        Response response = Keygate.api().get("/routes", Credential.none()).assertStatus(200);

        List<String> routes = new ArrayList<>();
        for (JsonNode route : response.body().path("routes")) {
            assertThat(route.path("method").isTextual() && route.path("path").isTextual())
                    .as("route %s has a method and a path", route).isTrue();
            routes.add(route.path("method").asText() + " " + route.path("path").asText());
        }
        assertThat(routes).as("routes of %s", response).contains("POST /key/generate", "PATCH /organization/update",
                "POST /key/{key}/regenerate", "GET /audit", "GET /routes", "GET /openapi.json");
    }
}
