package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an owner may set on their own personal key is one rule for /key/generate and /key/update
 * alike (issue 8: generate took budgets, limits and models that update then refused): the alias,
 * metadata and duration; budgets, limits, models, routes, type and tags come from an admin of the
 * key. A refused request stores nothing.
 */
@BehaviorTest
class OwnerKeyFieldsTest {

    enum Route { GENERATE, UPDATE }

    /** Each field with a value the route accepts, and whether an owner may set it. */
    static final Map<String, Object> OWNER_FIELDS = Map.of(
            "metadata", Map.of("purpose", "tests"),
            "duration", "1h");
    static final Map<String, Object> ADMIN_FIELDS = Map.ofEntries(
            Map.entry("max_budget", 5),
            Map.entry("soft_budget", 1),
            Map.entry("tpm_limit", 10),
            Map.entry("rpm_limit", 10),
            Map.entry("max_parallel_requests", 2),
            Map.entry("models", List.of("gpt-4o")),
            Map.entry("budget_duration", "30d"),
            Map.entry("model_max_budget", Map.of("gpt-4o", 1)),
            Map.entry("allowed_routes", List.of("/chat/completions")),
            Map.entry("key_type", "llm_api"),
            Map.entry("tags", List.of("team-x")));

    static Stream<Arguments> cells() {
        Stream.Builder<Arguments> cells = Stream.builder();
        for (Route route : Route.values()) {
            OWNER_FIELDS.forEach((field, value) -> {
                cells.add(Arguments.of(Actor.OWNER, route, field, value, 200));
                cells.add(Arguments.of(Actor.PROXY_ADMIN, route, field, value, 200));
            });
            ADMIN_FIELDS.forEach((field, value) -> {
                cells.add(Arguments.of(Actor.OWNER, route, field, value, 403));
                cells.add(Arguments.of(Actor.PROXY_ADMIN, route, field, value, 200));
            });
        }
        return cells.build();
    }

    @ParameterizedTest(name = "{0} sets {2} at {1}: {4}")
    @MethodSource("cells")
    void oneRuleForGenerateAndUpdate(Actor caller, Route route, String field, Object value, int expected,
                                     Scratch scratch) {
        String alias = scratch.name("owned");
        Map<String, Object> body = new LinkedHashMap<>();
        if (route == Route.UPDATE) {
            Scratch.ScratchKey key = scratch.insertKey(new KeyShape(Actor.OWNER.userId(), null, null));
            body.put("key", key.token());
            alias = key.alias();
        } else {
            body.put("key_alias", alias);
        }
        body.put(field, value);
        long auditRows = Keygate.db().count("SELECT count(*) FROM audit_log");

        Response response = Keygate.api().post(route == Route.GENERATE ? "/key/generate" : "/key/update", body,
                caller.credential());

        response.assertStatus(expected);
        if (expected == 403) {
            assertThat(Keygate.db().count("SELECT count(*) FROM audit_log")).as("nothing changed").isEqualTo(auditRows);
            assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias))
                    .as("no key made").isEqualTo(route == Route.GENERATE ? 0 : 1);
        }
    }
}
