package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 7: every shape of key × every way a gateway asks → the exact code, status and
 * headers. The ways: {@code POST /key/verify} with the route and model (always 200, the verdict in
 * {@code code}); {@code /authz} as Envoy's ext_authz HTTP service sends it (the original method and
 * path after {@code /authz}, the model in {@code x-keygate-model}); {@code /authz} as nginx's
 * auth_request sends it ({@code GET /authz}, the original in {@code X-Original-URI} and
 * {@code X-Original-Method}). Every key's user, team and organization belong to the test
 * ({@link SpendFixture}), so no world row's spend or counter moves.
 */
@BehaviorTest
class GatewayCheckMatrixTest {

    static final String ROUTE = "/v1/chat/completions";
    static final String MODEL = "gpt-4o";

    /** How the gateway asks. */
    enum Mode {
        VERIFY, ENVOY, NGINX;

        Response ask(SpendFixture f, String model) {
            String credential = "Bearer " + f.key().cleartext();
            return switch (this) {
                case VERIFY -> Keygate.api().post("/key/verify", Map.of("route", ROUTE, "model", model),
                        Credential.bearer(f.key().cleartext()));
                case ENVOY -> Keygate.api().send("POST", "/authz" + ROUTE, null,
                        headers("authorization", credential, "x-keygate-model", model));
                case NGINX -> Keygate.api().send("GET", "/authz", null, headers("authorization", credential,
                        "x-original-uri", ROUTE + "?api-version=2024-02-01", "x-original-method", "POST",
                        "x-keygate-model", model));
            };
        }
    }

    /** A key's shape: what is done to a fresh {@link SpendFixture}, the model asked for, and the verdict. */
    enum Shape {
        VALID("VALID", MODEL, (s, f) -> { }),
        EXPIRED("EXPIRED", MODEL, (s, f) -> key(f, "expires = ?", OffsetDateTime.parse("2020-01-01T00:00:00Z"))),
        BLOCKED("BLOCKED", MODEL, (s, f) -> key(f, "blocked = true")),
        TEAM_BLOCKED("TEAM_BLOCKED", MODEL, (s, f) -> team(f, "blocked = true")),
        LLM_API_KEY("VALID", MODEL, (s, f) -> key(f, "key_type = 'llm_api'")),
        MANAGEMENT_KEY("ROUTE_NOT_ALLOWED", MODEL, (s, f) -> key(f, "key_type = 'management'")),
        READ_ONLY_KEY("ROUTE_NOT_ALLOWED", MODEL, (s, f) -> key(f, "key_type = 'read_only'")),
        ALLOWED_ROUTES_WITHOUT_THE_ROUTE("ROUTE_NOT_ALLOWED", MODEL,
                (s, f) -> key(f, "allowed_routes = ?", (Object) new String[] {"/v1/embeddings"})),
        RESTRICTED_MODELS_NAMING_IT("VALID", MODEL, (s, f) -> models(f, MODEL, "gpt-4o-mini")),
        RESTRICTED_MODELS_WITHOUT_IT("MODEL_NOT_ALLOWED", MODEL, (s, f) -> models(f, "gpt-4o-mini")),
        WILDCARD_MODELS_MATCHING("VALID", "openai/gpt-4.1", (s, f) -> models(f, "openai/*")),
        WILDCARD_MODELS_NOT_MATCHING("MODEL_NOT_ALLOWED", "anthropic/claude-3", (s, f) -> models(f, "openai/*")),
        ALL_TEAM_MODELS_IN_THE_TEAM("VALID", MODEL, (s, f) -> allTeamModels(f)),
        ALL_TEAM_MODELS_NOT_IN_THE_TEAM("MODEL_NOT_ALLOWED", "claude-3", (s, f) -> allTeamModels(f)),
        TEAM_MODELS_WITHOUT_IT("MODEL_NOT_ALLOWED", MODEL, (s, f) -> team(f, "models = ?", (Object) new String[] {"claude-3"})),
        UNDER_KEY_BUDGET("VALID", MODEL, (s, f) -> {
            key(f, "max_budget = 10");
            spend(s, f);
        }),
        OVER_KEY_BUDGET("BUDGET_EXCEEDED", MODEL, (s, f) -> {
            key(f, "max_budget = 1");
            spend(s, f);
        }),
        OVER_USER_BUDGET("BUDGET_EXCEEDED", MODEL, (s, f) -> {
            Keygate.db().update("UPDATE users SET max_budget = 1 WHERE user_id = ?", f.userId());
            spend(s, f);
        }),
        OVER_TEAM_BUDGET("BUDGET_EXCEEDED", MODEL, (s, f) -> {
            team(f, "max_budget = 1");
            spend(s, f);
        }),
        OVER_TEAM_MEMBER_BUDGET("BUDGET_EXCEEDED", MODEL, (s, f) -> {
            Keygate.db().update("UPDATE team_memberships SET max_budget_in_team = 1 WHERE team_id = ?", f.teamId());
            spend(s, f);
        }),
        OVER_ORGANIZATION_BUDGET("BUDGET_EXCEEDED", MODEL, (s, f) -> {
            Keygate.db().update("UPDATE organizations SET max_budget = 1 WHERE organization_id = ?", f.organizationId());
            spend(s, f);
        }),
        OVER_MODEL_BUDGET("BUDGET_EXCEEDED", MODEL, (s, f) -> {
            key(f, "model_max_budget = ?::jsonb", "{\"" + MODEL + "\": 1}");
            spend(s, f);
        }),
        /** A soft budget is reported, never enforced. */
        OVER_SOFT_BUDGET("VALID", MODEL, (s, f) -> {
            key(f, "soft_budget = 0.5");
            spend(s, f);
        }),
        UNDER_KEY_RPM("VALID", MODEL, (s, f) -> key(f, "rpm_limit = 5")),
        AT_KEY_RPM("RATE_LIMITED", MODEL, (s, f) -> {
            key(f, "rpm_limit = 1");
            call(f);
        }),
        AT_KEY_TPM("RATE_LIMITED", MODEL, (s, f) -> {
            key(f, "tpm_limit = 10");
            record(s, f, "0", 5, 5);
        }),
        AT_KEY_PARALLEL("RATE_LIMITED", MODEL, (s, f) -> {
            key(f, "max_parallel_requests = 1");
            call(f);
        }),
        AT_TEAM_RPM("RATE_LIMITED", MODEL, (s, f) -> {
            team(f, "rpm_limit = 1");
            call(f);
        }),
        AT_ORGANIZATION_RPM("RATE_LIMITED", MODEL, (s, f) -> {
            Keygate.db().update("UPDATE organizations SET rpm_limit = 1 WHERE organization_id = ?", f.organizationId());
            call(f);
        }),
        AT_MODEL_RPM("RATE_LIMITED", MODEL, (s, f) -> {
            key(f, "model_rpm_limit = ?::jsonb", "{\"" + MODEL + "\": 1}");
            call(f);
        });

        final String code;
        final String model;
        final BiConsumer<Scratch, SpendFixture> prepare;

        Shape(String code, String model, BiConsumer<Scratch, SpendFixture> prepare) {
            this.code = code;
            this.model = model;
            this.prepare = prepare;
        }

        /** The status a gateway gets: a key that cannot be used is a bad credential (401). */
        int gatewayStatus() {
            return switch (code) {
                case "VALID" -> 200;
                case "EXPIRED", "BLOCKED", "TEAM_BLOCKED" -> 401;
                case "RATE_LIMITED" -> 429;
                default -> 403;
            };
        }

        /** What remains, as the allowing headers say it; null where no such limit applies. */
        String remainingBudget() {
            return switch (this) {
                case UNDER_KEY_BUDGET -> "9";
                default -> null;
            };
        }

        String remainingRequests() {
            return this == UNDER_KEY_RPM ? "4" : null;
        }
    }

    record Case(Shape shape, Mode mode) {
        int status() {
            return mode == Mode.VERIFY ? 200 : shape.gatewayStatus();
        }

        @Override
        public String toString() {
            return shape + " key, " + mode.name().toLowerCase() + " -> " + status() + " " + shape.code;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(Shape.values()).flatMap(shape -> Stream.of(Mode.values()).map(mode -> new Case(shape, mode)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gatewayAsksAboutAKey(Case c, Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        c.shape().prepare.accept(scratch, f);
        BigDecimal[] spends = f.spends();

        Response response = c.mode().ask(f, c.shape().model);

        response.assertStatus(c.status());
        if (c.mode() == Mode.VERIFY) {
            assertThat(response.body().path("code").asText()).as("code of %s", response).isEqualTo(c.shape().code);
            if (c.shape() == Shape.OVER_SOFT_BUDGET) {
                assertThat(response.body().path("soft_budget_exceeded").asBoolean()).as("%s", response).isTrue();
            }
        } else if (c.status() == 200) {
            assertAllowed(response, f, c.shape().remainingBudget(), c.shape().remainingRequests());
        } else {
            assertRefused(response, c.shape().code);
        }
        assertThat(f.spends()).as("spend after %s", response).isEqualTo(spends);
    }

    // ---- what a gateway reads ------------------------------------------------------------------

    /** 200, no body, the key's identity (never its secret) and what remains of its limits. */
    static void assertAllowed(Response response, SpendFixture f, String remainingBudget, String remainingRequests) {
        assertThat(response.raw()).as("body of %s", response).isEmpty();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("x-keygate-key-token", f.key().token());
        expected.put("x-keygate-key-alias", f.key().alias());
        expected.put("x-keygate-user-id", f.userId());
        expected.put("x-keygate-user-role", "internal_user");
        expected.put("x-keygate-team-id", f.teamId());
        expected.put("x-keygate-organization-id", f.organizationId());
        expected.put("x-keygate-remaining-budget", remainingBudget);
        expected.put("x-keygate-remaining-requests", remainingRequests);
        assertThat(keygateHeaders(response)).as("x-keygate headers of %s", response).isEqualTo(withoutNulls(expected));
        assertThat(response.raw() + response.headers()).doesNotContain(f.key().cleartext());
    }

    /**
     * The refusal: the one error envelope, its {@code code} the verdict, no identity header, and
     * {@code retry-after} (whole seconds) exactly when rate-limited.
     */
    static void assertRefused(Response response, String verdict) {
        JsonNode error = response.body().path("error");
        assertThat(fieldNames(response.body())).as("fields of %s", response).containsExactly("error");
        assertThat(fieldNames(error)).as("error fields of %s", response)
                .containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.path("code").asText()).as("error.code of %s", response).isEqualTo(verdict);
        assertThat(error.path("message").asText()).as("error.message of %s", response).isNotBlank();
        assertThat(keygateHeaders(response)).as("x-keygate headers of %s", response).isEmpty();
        if (verdict.equals("RATE_LIMITED")) {
            assertThat(Long.parseLong(response.header("retry-after"))).as("retry-after of %s", response)
                    .isBetween(1L, 60L);
        } else {
            assertThat(response.header("retry-after")).as("retry-after of %s", response).isNull();
        }
    }

    static Map<String, String> keygateHeaders(Response response) {
        Map<String, String> found = new HashMap<>();
        response.headers().forEach((name, values) -> {
            if (name.toLowerCase().startsWith("x-keygate-")) {
                found.put(name.toLowerCase(), String.join(",", values));
            }
        });
        return found;
    }

    /** The headers a gateway request carries: {@code name, value, ...}. */
    static Credential headers(String... nameValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], nameValues[i + 1]);
        }
        return new Credential("gateway headers", headers);
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> result = new HashMap<>();
        map.forEach((name, value) -> {
            if (value != null) {
                result.put(name, value);
            }
        });
        return result;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- preparing a shape ---------------------------------------------------------------------

    private static void key(SpendFixture f, String assignments, Object... params) {
        Keygate.db().update("UPDATE keys SET " + assignments + " WHERE token = ?", append(params, f.key().token()));
    }

    private static void team(SpendFixture f, String assignments, Object... params) {
        Keygate.db().update("UPDATE teams SET " + assignments + " WHERE team_id = ?", append(params, f.teamId()));
    }

    private static void models(SpendFixture f, String... models) {
        key(f, "models = ?", (Object) models);
    }

    private static void allTeamModels(SpendFixture f) {
        models(f, "all-team-models");
        team(f, "models = ?", (Object) new String[] {MODEL});
    }

    private static Object[] append(Object[] params, Object last) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = last;
        return all;
    }

    /** One admitted call, counted against the limits, never recorded (its parallel slot stays taken). */
    private static void call(SpendFixture f) {
        JsonNode answer = Keygate.api().post("/key/verify", Map.of("route", ROUTE, "model", MODEL),
                f.key().credential()).assertStatus(200).body();
        assertThat(answer.path("code").asText()).as("the first call: %s", answer).isEqualTo("VALID");
    }

    /** Spend of 1 recorded on the key, so every level above it has spent 1 too. */
    private static void spend(Scratch scratch, SpendFixture f) {
        record(scratch, f, "1", 0, 0);
    }

    private static void record(Scratch scratch, SpendFixture f, String spend, long prompt, long completion) {
        Keygate.api().post("/spend/record", Map.of("key", f.key().cleartext(), "request_id", scratch.name("r"),
                "model", MODEL, "spend", new BigDecimal(spend), "prompt_tokens", prompt, "completion_tokens",
                completion), VerifyAnswers.MASTER).assertStatus(200);
    }
}
