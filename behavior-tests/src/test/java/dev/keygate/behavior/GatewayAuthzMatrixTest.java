package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.GatewayCheckMatrixTest.headers;
import static dev.keygate.behavior.GatewayCheckMatrixTest.keygateHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Matrix.Cell;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /authz/**}, a gateway's check, for the eight actors and the token callers: the answer is the
 * caller's own key (or token), never a role's privilege, so every world key may make an LLM call and
 * none may reach a master-key-only route. Key callers are named by their key's id in
 * {@code x-keygate-key-token}; a sign-in token without a key is allowed with its identity and no key
 * header. Every method is a check; a check changes nothing in the database.
 */
@BehaviorTest
class GatewayAuthzMatrixTest {

    /** What the gateway is about to forward, and how it asks. */
    enum Target {
        /** Envoy: {@code POST /authz/v1/chat/completions}, the model in a header. */
        LLM_CALL_AS_ENVOY,
        /** nginx: {@code GET /authz}, the original in X-Original-URI. */
        LLM_CALL_AS_NGINX,
        /** {@code /global/spend/reset}: the master key's alone, never a virtual key's or a token's. */
        MASTER_KEY_ONLY_ROUTE;

        Response ask(Credential caller) {
            Map<String, String> sent = new LinkedHashMap<>(caller.headers());
            sent.put("x-keygate-model", "gpt-4o");
            return switch (this) {
                case LLM_CALL_AS_ENVOY -> Keygate.api().send("POST", "/authz/v1/chat/completions", null,
                        new Credential(caller.label(), sent));
                case LLM_CALL_AS_NGINX -> {
                    sent.put("x-original-uri", "/v1/chat/completions");
                    sent.put("x-original-method", "POST");
                    yield Keygate.api().send("GET", "/authz", null, new Credential(caller.label(), sent));
                }
                case MASTER_KEY_ONLY_ROUTE -> Keygate.api().send("POST", "/authz/global/spend/reset", null,
                        new Credential(caller.label(), sent));
            };
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("ANY /authz/**", "%s asks /authz about %s", Target.values())
            //                        ENVOY  NGINX  MASTER_KEY_ONLY_ROUTE
            .row(PROXY_ADMIN,        200,   200,   403)
            .row(ORG_ADMIN,          200,   200,   403)
            .row(TEAM_ADMIN,         200,   200,   403)
            .row(INTERNAL_USER,      200,   200,   403)
            .row(OWNER,              200,   200,   403)
            .row(UNRELATED_SAME_ORG, 200,   200,   403)
            .row(CROSS_ORG_USER,     200,   200,   403)
            .row(SERVICE_ACCOUNT,    200,   200,   403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void actorAsks(Cell<Target> cell) {
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = cell.target().ask(cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.raw()).as("body of %s", response).isEmpty();
            Map<String, String> identity = keygateHeaders(response);
            if (cell.holdsKey()) {
                assertThat(identity).as("identity of %s", response)
                        .containsEntry("x-keygate-key-token", cell.actor().token());
            } else {
                assertThat(identity).as("identity of %s", response).doesNotContainKey("x-keygate-key-token");
            }
            assertThat(identity.get("x-keygate-user-id")).as("user of %s", response).isEqualTo(cell.actor().userId());
        } else {
            GatewayCheckMatrixTest.assertRefused(response, "ROUTE_NOT_ALLOWED");
        }
        before.assertUnchangedBy(response);
    }

    @Test
    void masterKeyIsAllowedAnyRouteAsProxyAdmin200() {
        for (Target target : Target.values()) {
            Response response = target.ask(VerifyAnswers.MASTER).assertStatus(200);
            assertThat(keygateHeaders(response)).as("%s", response).isEqualTo(Map.of("x-keygate-user-role", "proxy_admin"));
        }
    }

    /** Every method is a check (Envoy asks with the original method); the path after /authz is the route. */
    @ParameterizedTest(name = "{0} /authz/nginx and /authz/v1/chat/completions, as the master key -> 200")
    @EnumSource(HttpMethod.class)
    void everyMethodIsACheck200(HttpMethod method) {
        Credential master = headers("authorization", VerifyAnswers.MASTER.headers().get("Authorization"),
                "x-original-uri", "/v1/chat/completions");
        Keygate.api().send(method.name(), "/authz/nginx", null, master).assertStatus(200);
        Keygate.api().send(method.name(), "/authz", null, master).assertStatus(200);
        Keygate.api().send(method.name(), "/authz/v1/chat/completions", null, master).assertStatus(200);
    }

    /** OPTIONS is a check too, never Jersey's own answer: without a key it is 401, as every method. */
    @ParameterizedTest(name = "{0} /authz/v1/chat/completions without a key -> 401")
    @EnumSource(HttpMethod.class)
    void everyMethodWithoutAKey401(HttpMethod method) {
        Keygate.api().send(method.name(), "/authz/v1/chat/completions", null, Credential.none()).assertError(401);
        Keygate.api().send(method.name(), "/authz", null, headers("x-original-uri", "/v1/models")).assertError(401);
    }

    /** HEAD is answered as GET: the same status and headers, no body. */
    @Test
    void headIsAnsweredAsGetWithoutABody() {
        RawHttp.RawResponse allowed = RawHttp.exchange(RawHttp.head("HEAD", "/authz/v1/chat/completions",
                "Authorization: Bearer " + OWNER.key() + "\r\n"));
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(allowed.headers().get("x-keygate-key-token")).as("%s", allowed).isEqualTo(OWNER.token());
        assertThat(allowed.body()).isEmpty();

        RawHttp.RawResponse refused = RawHttp.exchange(RawHttp.head("HEAD", "/authz/v1/chat/completions", ""));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.body()).isEmpty();
    }

    enum HttpMethod { GET, POST, PUT, PATCH, DELETE, OPTIONS }
}
