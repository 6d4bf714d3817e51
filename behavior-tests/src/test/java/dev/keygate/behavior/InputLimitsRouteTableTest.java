package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.InputLimitsTest.nested;
import static dev.keygate.behavior.InputLimitsTest.randomText;
import static dev.keygate.behavior.World.BYSTANDER;
import static dev.keygate.behavior.World.ORG_A;
import static dev.keygate.behavior.World.TEAM_ALPHA;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route that takes an id, alias, email, name, budget, rate limit or free JSON object holds
 * it to the input limits: one value past a limit per row, made by a proxy admin on world objects so
 * that nothing but the value can be wrong. A body field is 422, a query parameter 400, always
 * naming it, and the database is left as it was.
 */
@BehaviorTest
class InputLimitsRouteTableTest {

    /** One past the id, alias and name limit (256). */
    private static final String LONG = randomText(257);
    /** One past the email limit (320), still shaped like an address. */
    private static final String LONG_EMAIL = randomText(64) + "@" + randomText(252) + ".dev";
    /** Past numeric(20, 6). */
    private static final BigDecimal HUGE_BUDGET = new BigDecimal("1e14");
    private static final Map<String, Object> DEEP = nested(33);
    private static final Map<String, Object> NUL_KEY = Map.of("deep", Map.of("k\u0000", "v"));

    record Row(String method, String path, Object body, int status, String param) {
        @Override
        public String toString() {
            return method + " " + (path.length() > 40 ? path.substring(0, 40) + "…" : path) + " " + param + " -> " + status;
        }
    }

    private static Row body(String method, String path, Map<String, Object> body, String param) {
        return new Row(method, path, body, 422, param);
    }

    private static Row post(String path, Map<String, Object> body, String param) {
        return body("POST", path, body, param);
    }

    private static Row query(String path, String param, String value) {
        return new Row("GET", path + (path.contains("?") ? "&" : "?") + param + "=" + value, null, 400, param);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // keys
                post("/key/generate", Map.of("soft_budget", HUGE_BUDGET), "soft_budget"),
                post("/key/generate", Map.of("spend", HUGE_BUDGET), "spend"),
                post("/key/generate", Map.of("key", "sk-" + LONG), "key"),
                post("/key/generate", Map.of("user_id", LONG), "user_id"),
                post("/key/generate", Map.of("team_id", LONG), "team_id"),
                post("/key/generate", Map.of("organization_id", LONG), "organization_id"),
                post("/key/generate", Map.of("models", List.of(LONG)), "models"),
                post("/key/generate", Map.of("tags", List.of(LONG)), "tags"),
                post("/key/generate", Map.of("allowed_routes", List.of(LONG)), "allowed_routes"),
                post("/key/generate", Map.of("tpm_limit", -1), "tpm_limit"),
                post("/key/generate", Map.of("max_parallel_requests", -1), "max_parallel_requests"),
                post("/key/generate", Map.of("metadata", DEEP), "metadata"),
                post("/key/generate", Map.of("permissions", NUL_KEY), "permissions"),
                post("/key/generate", Map.of("aliases", DEEP), "aliases"),
                post("/key/generate", Map.of("model_max_budget", Map.of("gpt-4o", HUGE_BUDGET)), "model_max_budget"),
                post("/key/generate", Map.of("model_max_budget", Map.of("gpt-4o", Map.of("budget_limit", -1))),
                        "model_max_budget"),
                post("/key/generate", Map.of("model_rpm_limit", Map.of("gpt-4o", -1)), "model_rpm_limit"),
                post("/key/generate", Map.of("model_tpm_limit", Map.of("gpt-4o", new BigDecimal("9223372036854775808"))),
                        "model_tpm_limit"),
                post("/key/service-account/generate", Map.of("team_id", LONG), "team_id"),
                post("/key/update", Map.of("key", LONG), "key"),
                post("/key/update", Map.of("key", World.GAMMA_MEMBER_KEY, "max_budget", HUGE_BUDGET), "max_budget"),
                post("/key/update", Map.of("key", World.GAMMA_MEMBER_KEY, "key_alias", LONG), "key_alias"),
                post("/key/update", Map.of("key", World.GAMMA_MEMBER_KEY, "metadata", NUL_KEY), "metadata"),
                post("/key/regenerate", Map.of("key", World.GAMMA_MEMBER_KEY, "new_key_alias", LONG), "new_key_alias"),
                post("/key/regenerate", Map.of("key", World.GAMMA_MEMBER_KEY, "new_key", "sk-" + LONG), "new_key"),
                post("/key/" + World.GAMMA_MEMBER_KEY + "/regenerate", Map.of("soft_budget", HUGE_BUDGET), "soft_budget"),
                post("/key/delete", Map.of("keys", List.of(LONG)), "keys"),
                post("/key/delete", Map.of("key_aliases", List.of(LONG)), "key_aliases"),
                post("/key/block", Map.of("key", LONG), "key"),
                post("/key/unblock", Map.of("key", LONG), "key"),
                query("/key/info", "key", LONG),
                query("/key/list", "user_id", LONG),
                query("/key/list", "team_id", LONG),
                query("/key/list", "organization_id", LONG),
                query("/key/list", "key_hash", LONG),
                // teams
                post("/team/new", Map.of("team_alias", LONG), "team_alias"),
                post("/team/new", Map.of("organization_id", LONG), "organization_id"),
                post("/team/new", Map.of("members_with_roles", List.of(Map.of("user_id", LONG))), "user_id"),
                post("/team/new", Map.of("members_with_roles", List.of(Map.of("user_email", LONG_EMAIL))), "user_email"),
                post("/team/new", Map.of("members_with_roles", List.of(Map.of("user_id", BYSTANDER,
                        "max_budget_in_team", HUGE_BUDGET))), "max_budget_in_team"),
                post("/team/new", Map.of("team_member_permissions", List.of(LONG)), "team_member_permissions"),
                post("/team/new", Map.of("models", List.of(LONG)), "models"),
                post("/team/new", Map.of("rpm_limit", -1), "rpm_limit"),
                post("/team/new", Map.of("metadata", NUL_KEY), "metadata"),
                post("/team/update", Map.of("team_id", LONG), "team_id"),
                post("/team/update", Map.of("team_id", TEAM_ALPHA, "team_alias", LONG), "team_alias"),
                post("/team/update", Map.of("team_id", TEAM_ALPHA, "max_budget", HUGE_BUDGET), "max_budget"),
                post("/team/update", Map.of("team_id", TEAM_ALPHA, "metadata", DEEP), "metadata"),
                post("/team/delete", Map.of("team_ids", List.of(LONG)), "team_ids"),
                post("/team/member_add", Map.of("team_id", LONG, "member", Map.of("user_id", BYSTANDER)), "team_id"),
                post("/team/member_add", Map.of("team_id", TEAM_ALPHA, "member", Map.of("user_id", LONG)), "user_id"),
                post("/team/member_add", Map.of("team_id", TEAM_ALPHA, "member", Map.of("user_id", BYSTANDER,
                        "max_budget_in_team", HUGE_BUDGET)), "max_budget_in_team"),
                post("/team/member_update", Map.of("team_id", TEAM_ALPHA, "user_id", BYSTANDER,
                        "max_budget_in_team", HUGE_BUDGET), "max_budget_in_team"),
                post("/team/member_update", Map.of("team_id", TEAM_ALPHA, "user_email", LONG_EMAIL), "user_email"),
                post("/team/member_delete", Map.of("team_id", TEAM_ALPHA, "user_id", LONG), "user_id"),
                post("/team/block", Map.of("team_id", LONG), "team_id"),
                post("/team/unblock", Map.of("team_id", LONG), "team_id"),
                post("/team/permissions_update", Map.of("team_id", LONG, "team_member_permissions", List.of()), "team_id"),
                query("/team/info", "team_id", LONG),
                query("/team/list", "user_id", LONG),
                query("/team/list", "organization_id", LONG),
                query("/v2/team/list", "user_id", LONG),
                query("/v2/team/list", "organization_id", LONG),
                query("/v2/team/list", "team_id", LONG),
                query("/v2/team/list", "team_alias", LONG),
                query("/team/permissions_list", "team_id", LONG),
                // organizations
                post("/organization/new", Map.of("organization_alias", LONG), "organization_alias"),
                post("/organization/new", Map.of("organization_alias", "o", "organization_id", LONG), "organization_id"),
                post("/organization/new", Map.of("organization_alias", "o", "max_budget", HUGE_BUDGET), "max_budget"),
                post("/organization/new", Map.of("organization_alias", "o", "models", List.of(LONG)), "models"),
                post("/organization/new", Map.of("organization_alias", "o", "metadata", NUL_KEY), "metadata"),
                body("PATCH", "/organization/update", Map.of("organization_id", ORG_A, "organization_alias", LONG),
                        "organization_alias"),
                body("PATCH", "/organization/update", Map.of("organization_id", ORG_A, "max_budget", HUGE_BUDGET),
                        "max_budget"),
                body("PATCH", "/organization/update", Map.of("organization_id", ORG_A, "tpm_limit", -1), "tpm_limit"),
                body("DELETE", "/organization/delete", Map.of("organization_ids", List.of(LONG)), "organization_ids"),
                post("/organization/member_add", Map.of("organization_id", ORG_A,
                        "member", Map.of("user_email", LONG_EMAIL)), "user_email"),
                body("PATCH", "/organization/member_update", Map.of("organization_id", ORG_A, "user_id", LONG,
                        "role", "internal_user"), "user_id"),
                body("DELETE", "/organization/member_delete", Map.of("organization_id", LONG, "user_id", BYSTANDER),
                        "organization_id"),
                query("/organization/info", "organization_id", LONG),
                // users
                post("/user/new", Map.of("user_id", LONG), "user_id"),
                post("/user/new", Map.of("user_alias", LONG), "user_alias"),
                post("/user/new", Map.of("user_email", LONG_EMAIL), "user_email"),
                post("/user/new", Map.of("teams", List.of(LONG)), "teams"),
                post("/user/new", Map.of("organizations", List.of(LONG)), "organizations"),
                post("/user/new", Map.of("max_budget", HUGE_BUDGET), "max_budget"),
                post("/user/new", Map.of("models", List.of(LONG)), "models"),
                post("/user/new", Map.of("metadata", DEEP), "metadata"),
                post("/user/update", Map.of("user_id", LONG), "user_id"),
                post("/user/update", Map.of("user_id", BYSTANDER, "user_email", LONG_EMAIL), "user_email"),
                post("/user/update", Map.of("user_id", BYSTANDER, "user_alias", LONG), "user_alias"),
                post("/user/update", Map.of("user_id", BYSTANDER, "max_budget", HUGE_BUDGET), "max_budget"),
                post("/user/update", Map.of("user_id", BYSTANDER, "metadata", NUL_KEY), "metadata"),
                post("/user/delete", Map.of("user_ids", List.of(LONG)), "user_ids"),
                query("/user/info", "user_id", LONG),
                query("/user/list", "role", LONG),
                query("/user/list", "user_email", LONG_EMAIL),
                // audit
                query("/audit", "object_id", LONG),
                query("/audit", "actor_id", LONG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void valuePastItsLimitIsRefusedAndNothingChanges(Row row) {
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().send(row.method(), row.path(), row.body(), PROXY_ADMIN.credential())
                .assertError(row.status());

        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response)
                .isEqualTo(row.param());
        before.assertUnchangedBy(response);
    }
}
