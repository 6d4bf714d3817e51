package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link HostileInputTest} found (seeds 20260801 and 42), each case kept by name once fixed: 500s
 * from valid JSON, a 5xx for a client's malformed request line, and two answers after which the
 * server dropped a kept-alive connection without saying so (the client's next request then got no
 * answer at all).
 */
@BehaviorTest
class HostileInputRegressionTest {

    // A budget written with a huge exponent passed the 0..99999999999999.999999 check and overflowed
    // the JDBC driver (BigInteger.pow) before Postgres could round it: 500.

    @Test
    void budgetWithExponentMinus999999999Refused422(Scratch scratch) {
        assertRefused422("soft_budget", "/key/generate",
                Map.of("key_alias", scratch.name("k"), "soft_budget", new BigDecimal("1e-999999999")));
        assertRefused422("max_budget_in_team", "/team/member_update", Map.of("team_id", scratch.name("t"),
                "user_id", scratch.name("u"), "max_budget_in_team", new BigDecimal("1e-999999999")));
    }

    @Test
    void zeroBudgetWithExponent999999999Refused422(Scratch scratch) {
        assertRefused422("max_budget", "/key/generate",
                Map.of("key_alias", scratch.name("k"), "max_budget", new BigDecimal("0e999999999")));
    }

    @Test
    void budgetWithExponentMinus1000Accepted200AndMinus1001Refused422(Scratch scratch) {
        String alias = scratch.name("k");
        Keygate.api().post("/key/generate", Map.of("key_alias", alias, "max_budget", new BigDecimal("1e-1000")),
                PROXY_ADMIN.credential()).assertStatus(200);
        assertThat((BigDecimal) Keygate.db().row("SELECT max_budget FROM keys WHERE key_alias = ?", alias).orElseThrow()
                .get("max_budget")).isZero();

        assertRefused422("max_budget", "/key/generate",
                Map.of("key_alias", scratch.name("k2"), "max_budget", new BigDecimal("1e-1001")));
    }

    // "member": [null] passed @NotEmpty and reached the service as a null member: NullPointerException, 500.

    @Test
    void nullMemberOnTeamMemberAdd422() {
        assertRefused422("member", "/team/member_add",
                Map.of("team_id", World.TEAM_ALPHA, "member", Arrays.asList((Object) null)));
    }

    @Test
    void nullMemberOnOrganizationMemberAdd422() {
        assertRefused422("member", "/organization/member_add",
                Map.of("organization_id", World.ORG_A, "member", Arrays.asList((Object) null)));
    }

    // "team_member_permissions": [null] reached the check against the known permissions, an immutable
    // set that throws on a null lookup: 500 on every route that sets them (seed 42).

    @Test
    void nullTeamMemberPermission400(Scratch scratch) {
        assertRefused(400, "team_member_permissions", "/team/new",
                Map.of("team_id", scratch.name("t"), "team_member_permissions", Arrays.asList((Object) null)));
        assertRefused(400, "team_member_permissions", "/team/permissions_update",
                Map.of("team_id", World.TEAM_ALPHA, "team_member_permissions", Arrays.asList("/key/info", null)));
    }

    // Jetty answers a request line with a version it does not speak with 505: a server error, with the
    // envelope's "Internal error", for a client's malformed request.

    @Test
    void unknownHttpVersion400() {
        for (String version : new String[] {"HTTP/9", "HTTP/1.7", "HTP/1.1"}) {
            RawHttp.RawResponse answer = RawHttp.exchange("GET /routes " + version + "\r\nHost: localhost\r\n\r\n", true);

            answer.asResponse().assertError(400);
            assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/json");
        }
    }

    // Kept-alive connections the server ended without Connection: close, so the client's next request
    // went into a closed connection.

    @Test
    void requestLineTooLongForJetty414AnnouncesClose() {
        RawHttp.RawResponse answer = RawHttp.exchange("GET /routes?x=" + "a".repeat(17_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        answer.asResponse().assertError(414);
        assertThat(answer.headers()).as("headers of %s", answer).containsEntry("connection", "close");
    }

    @Test
    void getWithABodyAnswered200AnnouncesClose() {
        RawHttp.RawResponse answer = RawHttp.exchange("GET /routes HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        assertThat(answer.headers()).as("headers of %s", answer).containsEntry("connection", "close");
    }

    private static void assertRefused422(String param, String path, Map<String, Object> body) {
        assertRefused(422, param, path, body);
    }

    private static void assertRefused(int status, String param, String path, Map<String, Object> body) {
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().post(path, body, PROXY_ADMIN.credential()).assertError(status);

        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo(param);
        before.assertUnchangedBy(response);
    }
}
