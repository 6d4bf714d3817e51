package dev.keygate.behavior;

import static dev.keygate.behavior.GatewayCheckMatrixTest.assertRefused;
import static dev.keygate.behavior.GatewayCheckMatrixTest.headers;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a gateway's check reads, beyond the matrix: the model from an Azure deployment path, the
 * fallbacks and estimated tokens headers, where the route comes from (Envoy's path, nginx's
 * X-Original-URI at either fixed location), the other credential headers, and a malformed check
 * (400, after the credential). Each on a {@link SpendFixture} key, so nothing of the world moves.
 */
@BehaviorTest
class GatewayCheckInputsTest {

    @Test
    void anAzureDeploymentPathNamesTheModelUnlessTheHeaderDoes(Scratch scratch) {
        SpendFixture f = restrictedToGpt4o(scratch);

        envoy(f, "/openai/deployments/gpt-4o/chat/completions?api-version=2024-02-01").assertStatus(200);
        assertRefused(envoy(f, "/openai/deployments/claude-3/chat/completions").assertStatus(403), "MODEL_NOT_ALLOWED");
        envoy(f, "/openai/deployments/claude-3/chat/completions", "x-keygate-model", "gpt-4o").assertStatus(200);
    }

    @Test
    void everyFallbackMustBeAllowed403(Scratch scratch) {
        SpendFixture f = restrictedToGpt4o(scratch);

        Response refused = envoy(f, "/v1/chat/completions", "x-keygate-model", "gpt-4o",
                "x-keygate-fallbacks", "gpt-4o , claude-3").assertStatus(403);

        assertRefused(refused, "MODEL_NOT_ALLOWED");
        assertThat(refused.body().path("error").path("message").asText()).contains("fallback", "claude-3");
    }

    @Test
    void estimatedTokensOverTheTpmLimitAre429(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE keys SET tpm_limit = 100 WHERE token = ?", f.key().token());

        envoy(f, "/v1/chat/completions", "x-keygate-estimated-tokens", "100").assertStatus(200);
        assertRefused(envoy(f, "/v1/chat/completions", "x-keygate-estimated-tokens", "101").assertStatus(429),
                "RATE_LIMITED");
    }

    @Test
    void aRefusedCheckTakesNoRateLimitSlot(Scratch scratch) {
        SpendFixture f = restrictedToGpt4o(scratch);
        Keygate.db().update("UPDATE keys SET rpm_limit = 1 WHERE token = ?", f.key().token());

        envoy(f, "/v1/chat/completions", "x-keygate-model", "claude-3").assertStatus(403);
        Response allowed = envoy(f, "/v1/chat/completions", "x-keygate-model", "gpt-4o").assertStatus(200);

        assertThat(allowed.header("x-keygate-remaining-requests")).isEqualTo("0");
        assertRefused(envoy(f, "/v1/chat/completions", "x-keygate-model", "gpt-4o").assertStatus(429), "RATE_LIMITED");
    }

    @Test
    void nginxLocationsTakeTheRouteFromXOriginalUri(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", f.key().token());

        for (String location : new String[] {"/authz", "/authz/nginx"}) {
            nginx(f, location, "/v1/embeddings?x=1").assertStatus(200);
            assertRefused(nginx(f, location, "/key/generate").assertStatus(403), "ROUTE_NOT_ALLOWED");
            // $request_uri is sent encoded: decoded before it is judged.
            assertRefused(nginx(f, location, "/key/%67enerate").assertStatus(403), "ROUTE_NOT_ALLOWED");
        }
    }

    /** Envoy's path is the route; an X-Original-URI a client slipped in decides nothing there. */
    @Test
    void envoysPathWinsOverAnyXOriginalUri(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", f.key().token());

        envoy(f, "/v1/chat/completions", "x-original-uri", "/key/generate").assertStatus(200);
        assertRefused(envoy(f, "/key/generate", "x-original-uri", "/v1/chat/completions").assertStatus(403),
                "ROUTE_NOT_ALLOWED");
    }

    @Test
    void theKeyMayComeInAnyCredentialHeader(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);

        for (String header : new String[] {"x-litellm-api-key", "api-key", "x-api-key"}) {
            Response allowed = Keygate.api().send("POST", "/authz/v1/chat/completions", null,
                    headers(header, f.key().cleartext())).assertStatus(200);
            assertThat(allowed.header("x-keygate-key-token")).as("%s", allowed).isEqualTo(f.key().token());
        }
    }

    @Test
    void aMalformedCheckIs400AfterTheCredential(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String bearer = "Bearer " + f.key().cleartext();

        assertParam(Keygate.api().send("GET", "/authz", null, headers("authorization", bearer)), "x-original-uri");
        assertParam(Keygate.api().send("GET", "/authz", null, headers("authorization", bearer,
                "x-original-uri", "not a path")), "x-original-uri");
        assertParam(envoy(f, "/v1/chat/completions", "x-keygate-estimated-tokens", "-1"), "x-keygate-estimated-tokens");
        assertParam(envoy(f, "/v1/chat/completions", "x-keygate-estimated-tokens", "many"), "x-keygate-estimated-tokens");
        assertParam(envoy(f, "/v1/chat/completions", "x-keygate-model", "m".repeat(257)), "x-keygate-model");
        // Without a usable credential the same checks are 401.
        Keygate.api().send("GET", "/authz", null, headers("authorization", "Bearer " + Keys.missingKey()))
                .assertError(401);
    }

    private static SpendFixture restrictedToGpt4o(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE keys SET models = ? WHERE token = ?", new String[] {"gpt-4o"}, f.key().token());
        return f;
    }

    /** Envoy's check of a POST to {@code path}, with more headers as {@code name, value, ...}. */
    private static Response envoy(SpendFixture f, String path, String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + f.key().cleartext();
        System.arraycopy(more, 0, all, 2, more.length);
        return Keygate.api().send("POST", "/authz" + path, null, headers(all));
    }

    private static Response nginx(SpendFixture f, String location, String originalUri) {
        return Keygate.api().send("GET", location, null, headers("authorization", "Bearer " + f.key().cleartext(),
                "x-original-uri", originalUri, "x-original-method", "POST"));
    }

    private static void assertParam(Response response, String param) {
        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).as("param of %s", response).isEqualTo(param);
    }
}
